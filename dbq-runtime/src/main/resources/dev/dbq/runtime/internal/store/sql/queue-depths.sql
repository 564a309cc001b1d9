-- Counts the waiting jobs (NEW or READY) of every queue that has any; with
-- :exclude_future_jobs, only those runnable now. The constant state list proves the predicate of
-- dbq_job_claim_idx (partial on NEW and READY, queue_name first), which holds the waiting jobs
-- alone however many finished ones the table has; with many waiting jobs the planner may scan
-- the table. Read-only: it locks nothing and fences nothing.
-- parameters: :exclude_future_jobs
SELECT queue_name, count(*)
  FROM dbq_job
 WHERE state IN ('NEW', 'READY')
   AND (NOT :exclude_future_jobs OR run_after IS NULL OR run_after <= now())
 GROUP BY queue_name
