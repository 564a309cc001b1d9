-- Deletes jobs an operator names (JobControl.delete), in any state but PROCESSING and STOPPING
-- (a worker holds those: it would save into nothing); their step history goes with them (ON DELETE
-- CASCADE). Fenced by the states it expects: a job claimed meanwhile is left alone and not
-- returned.
-- The jobs are named by :ids (through the primary key) or, when :ids is null, by the filter
-- (:states, :queue, :name; each null matches every job). Run unprepared, so :states is a constant
-- when planned: a set within one StateGroup proves that group's partial index (dbq_job_claim_idx
-- for NEW and READY; dbq_job_state_queue_idx, queue_name second, for the finished states). The
-- states it may delete are written as one list per group, not as NOT IN ('PROCESSING',
-- 'STOPPING'), so that a set spanning both groups (or none given) can still be read as a
-- BitmapOr of the two indexes rather than by a scan of the table.
-- parameters: :ids, :states, :queue, :name
DELETE FROM dbq_job
 WHERE (state IN ('NEW', 'READY') OR state IN ('COMPLETE', 'FAILED', 'CANCELLED'))
   AND (:ids::uuid[] IS NULL OR id = ANY(:ids::uuid[]))
   AND (:states::text[] IS NULL OR state = ANY(:states::text[]))
   AND (:queue::text IS NULL OR queue_name = :queue::text)
   AND (:name::text IS NULL OR name = :name::text)
RETURNING id
