-- Gives jobs back as READY and clears the claim so that a late save is refused.
-- A job whose step never started (prefetched, or a shutdown before it began) gets its attempt back:
-- it did not run. A step that ran and ended without a saved result (the grace period ran out, a
-- fatal error such as OutOfMemoryError, the step called System.exit) keeps its attempt: such runs
-- count toward DbqWorker.MAX_LOST_RUNS, or a job that kills every run would run forever.
-- parameters: 1 whether the run counts, 2 last error, 3 claim ids uuid[]
UPDATE dbq_job
SET state         = 'READY',
    attempt       = CASE WHEN ? THEN attempt ELSE greatest(attempt - 1, 0) END,
    last_error    = ?,
    lock_owner    = NULL,
    claim_id      = NULL,
    lease_expires = NULL,
    modified      = clock_timestamp()
WHERE claim_id = ANY(?::uuid[])
  AND state IN ('PROCESSING', 'STOPPING')
RETURNING id
