-- Gives jobs back as READY and clears the claim so that a late save is refused; a job an operator
-- asked to stop (cancel_requested) ends CANCELLED instead.
-- A job whose step never started (prefetched, or a shutdown before it began) gets its attempt back:
-- it did not run. A step that ran and ended without a saved result (the grace period ran out, a
-- fatal error such as OutOfMemoryError, the step called System.exit) keeps its attempt: such runs
-- count toward DbqWorker.MAX_LOST_RUNS, or a job that kills every run would run forever.
-- Fenced by each row's claim id and the states a claimed job can be in; claim_id has no
-- index of its own: the rows are found through dbq_job_lease_idx, partial on exactly those states.
-- parameters: :run_counts whether the run counts, :error the last error, :claim_ids
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
RETURNING id
