-- Reads the step-run history of some jobs (Dbq.findJob, each page of JobQuery), oldest run first,
-- through dbq_step_run_job_idx (job_id, id). Run in the same read-only transaction as the read of
-- the jobs themselves, so that the history matches the rows. Read-only: fences nothing.
-- parameters: :job_ids
SELECT job_id, step_index, step_name, attempt, worker, started, ended, outcome, error, stack_trace
  FROM dbq_step_run
 WHERE job_id = ANY(:job_ids::uuid[])
 ORDER BY job_id, id
