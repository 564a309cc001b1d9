-- Counts the waiting jobs (NEW or READY) of every queue that has any; with
-- :exclude_future_jobs, only those runnable now. The state predicate is dbq_job_claim_idx's, whose
-- leading column is queue_name.
-- parameters: :exclude_future_jobs
SELECT queue_name, count(*)
  FROM dbq_job
 WHERE state IN ('NEW', 'READY')
   AND (NOT :exclude_future_jobs OR run_after IS NULL OR run_after <= now())
 GROUP BY queue_name
