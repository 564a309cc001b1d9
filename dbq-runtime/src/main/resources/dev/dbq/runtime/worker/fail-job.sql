-- A step failed with no attempt left, or the job cannot run here at all: FAILED for good.
-- parameters: 1 last error, 2 id, 3 claim id
UPDATE dbq_job
SET state         = 'FAILED',
    last_error    = ?,
    lock_owner    = NULL,
    claim_id      = NULL,
    lease_expires = NULL,
    modified      = clock_timestamp()
WHERE id = ?
  AND claim_id = ?
  AND state IN ('PROCESSING', 'STOPPING')
