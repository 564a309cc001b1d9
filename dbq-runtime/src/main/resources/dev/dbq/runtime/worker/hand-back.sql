-- The grace period ended with these steps still running: give the jobs back as READY and clear
-- the claim so that a late save is refused. The attempt is not held against the job: the step
-- was interrupted by the shutdown, not failed.
-- parameters: 1 last error, 2 claim ids uuid[]
UPDATE dbq_job
SET state         = 'READY',
    attempt       = greatest(attempt - 1, 0),
    last_error    = ?,
    lock_owner    = NULL,
    claim_id      = NULL,
    lease_expires = NULL,
    modified      = clock_timestamp()
WHERE claim_id = ANY(?::uuid[])
  AND state IN ('PROCESSING', 'STOPPING')
RETURNING id
