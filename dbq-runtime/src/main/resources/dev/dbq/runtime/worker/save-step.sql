-- Saves a step that succeeded: workspace, next step and state in one statement, fenced by the
-- claim. 0 rows means the claim was lost (lease lapsed, another worker took the job).
-- parameters: 1 workspace json, 2 next step, 3 state (READY or COMPLETE), 4 id, 5 claim id
UPDATE dbq_job
SET workspace     = ?::jsonb,
    next_step     = ?,
    state         = ?,
    attempt       = 0,
    lock_owner    = NULL,
    claim_id      = NULL,
    lease_expires = NULL,
    modified      = clock_timestamp()
WHERE id = ?
  AND claim_id = ?
  AND state IN ('PROCESSING', 'STOPPING')
