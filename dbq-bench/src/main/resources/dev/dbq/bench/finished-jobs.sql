-- The saturation workload's history (docs/scaling.md): :jobs finished jobs in the drained queue,
-- as a worker with history leaves them (a COMPLETE row past its one step, attempt reset, no claim)
-- and each one's succeeded step run, one a second over the last :jobs seconds. Two statements,
-- each one INSERT ... SELECT over generate_series: a million rows in seconds, not one enqueue each.
-- Bench only: the runtime never runs it. :jobs is written in as a number (FinishedJobs), not bound.
INSERT INTO dbq_job (id, name, queue_name, state, next_step, created, modified, attempt)
SELECT gen_random_uuid(), 'bench_noop', 'default', 'COMPLETE', 1,
       now() - make_interval(secs => i),
       now() - make_interval(secs => i) + interval '2 milliseconds', 0
  FROM generate_series(1, :jobs) AS i;

INSERT INTO dbq_step_run (job_id, step_index, step_name, attempt, worker, started, ended, outcome)
SELECT id, 0, 'noop', 1, 'bench', created + interval '1 millisecond', modified, 'SUCCEEDED'
  FROM dbq_job
 WHERE state = 'COMPLETE';
