-- Reads one job by its id, through the primary key, for Dbq.find. Read-only: fences nothing.
-- parameters: :id
SELECT id, name, queue_name, priority, state, next_step, workspace::text,
       created, modified, run_after, attempt, last_error
  FROM dbq_job
 WHERE id = :id
