-- A step failed with attempts left: back to READY after a backoff on the database clock.
-- The workspace is left as it was before the step, so the retry starts from the same input.
-- parameters: 1 backoff millis, 2 last error, 3 id, 4 claim id
UPDATE dbq_job
SET state         = 'READY',
    run_after     = now() + ? * interval '1 millisecond',
    last_error    = ?,
    lock_owner    = NULL,
    claim_id      = NULL,
    lease_expires = NULL,
    modified      = clock_timestamp()
WHERE id = ?
  AND claim_id = ?
  AND state IN ('PROCESSING', 'STOPPING')
