-- The names of the jobs a retry would take (FAILED and CANCELLED, named by :ids or the filter as
-- in retry-jobs.sql), so that JobControl can check a retry's step against each job's step count
-- before anything is written. Its states (written in) prove the predicate of
-- dbq_job_state_queue_idx, partial on the finished states, as in retry-jobs.sql. Read-only: fences
-- nothing.
-- parameters: :ids, :states, :queue, :name
SELECT DISTINCT name
  FROM dbq_job
 WHERE state IN ('FAILED', 'CANCELLED')
   AND (:ids::uuid[] IS NULL OR id = ANY(:ids::uuid[]))
   AND (:states::text[] IS NULL OR state = ANY(:states::text[]))
   AND (:queue::text IS NULL OR queue_name = :queue::text)
   AND (:name::text IS NULL OR name = :name::text)
