-- Gives jobs back as READY and clears the claim so that a late save is refused; a job an operator
-- asked to stop (cancel_requested) ends CANCELLED instead (its run is recorded as :outcome all the
-- same: that is how the run ended).
-- A job whose step never started (prefetched, or a shutdown before it began) gets its attempt back:
-- it did not run, and has no history row. A step that ran and ended without a saved result (the
-- grace period ran out, a fatal error such as OutOfMemoryError, the step called System.exit) keeps
-- its attempt: such runs count toward DbqWorker.MAX_LOST_RUNS, or a job that kills every run would
-- run forever; the same statement writes each such run's dbq_step_run row (:outcome, LOST or
-- STOPPED, ended now), so the job and its history never disagree.
-- Fenced by each row's claim id and the states a claimed job can be in; claim_id has no
-- index of its own: the rows are found through dbq_job_lease_idx, partial on exactly those states.
-- parameters: :run_counts whether the run counts, :error the last error, :claim_ids; for the
-- history rows (when :run_counts and :record_history), one element per run: :job_ids,
-- :step_names, :started_ago_us (microseconds before the statement was sent), and :outcome,
-- :worker_id
WITH handed AS (
    UPDATE dbq_job
    SET state         = CASE WHEN cancel_requested IS NULL THEN 'READY' ELSE 'CANCELLED' END,
        cancel_requested = NULL,
        attempt       = CASE WHEN :run_counts THEN attempt ELSE greatest(attempt - 1, 0) END,
        last_error    = :error,
        lock_owner    = NULL,
        claim_id      = NULL,
        lease_expires = NULL,
        modified      = clock_timestamp()
    WHERE claim_id = ANY(:claim_ids::uuid[])
      AND state IN ('PROCESSING', 'STOPPING')
    RETURNING id, next_step, attempt, last_error
), recorded AS (
    INSERT INTO dbq_step_run (job_id, step_index, step_name, attempt, worker, started, ended,
                              outcome, error)
    SELECT h.id, h.next_step, run.step_name, h.attempt, :worker_id,
           statement_timestamp() - run.started_ago_us * interval '1 microsecond',
           statement_timestamp(), :outcome, h.last_error
      FROM handed h
      JOIN unnest(:job_ids::uuid[], :step_names::text[], :started_ago_us::bigint[])
           AS run(job_id, step_name, started_ago_us)
        ON run.job_id = h.id
     WHERE :run_counts AND :record_history
)
SELECT id FROM handed
