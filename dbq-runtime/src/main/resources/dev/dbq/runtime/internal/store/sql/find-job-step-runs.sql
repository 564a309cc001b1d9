-- Reads the history of one job (JobStore.stepRuns): every run of its steps, in the order the rows were written (the
-- order the runs ended), through dbq_step_run_job_idx (job_id, id). Read-only: fences nothing.
-- parameters: :job_id
SELECT id, job_id, step_index, step_name, attempt, worker, started, ended,
       (extract(epoch FROM duration) * 1000000)::bigint AS duration_us, outcome, error, stack_trace
  FROM dbq_step_run
 WHERE job_id = :job_id
 ORDER BY id
