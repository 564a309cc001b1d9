-- Deletes jobs an operator names (JobControl.delete), in any state but PROCESSING and STOPPING
-- (a worker holds those: it would save into nothing); their step history goes with them (ON DELETE
-- CASCADE). Fenced by the states it expects: a job claimed meanwhile is left alone and not
-- returned.
-- The jobs are named by :ids (through the primary key) or, when :ids is null, by the filter
-- (:states, :queue, :name; each null matches every job), which scans the table. Run unprepared.
-- parameters: :ids, :states, :queue, :name
DELETE FROM dbq_job
 WHERE state NOT IN ('PROCESSING', 'STOPPING')
   AND (:ids::uuid[] IS NULL OR id = ANY(:ids::uuid[]))
   AND (:states::text[] IS NULL OR state = ANY(:states::text[]))
   AND (:queue::text IS NULL OR queue_name = :queue::text)
   AND (:name::text IS NULL OR name = :name::text)
RETURNING id
