-- Returns jobs whose worker stopped renewing its lease (it died or hung) to READY (CANCELLED when an
-- operator had asked the job to stop: it is not run again). The attempt
-- was already counted when the job was claimed. Uses dbq_job_lease_idx.
-- Fenced by the states a claimed job can be in and the lapsed lease: a renewed lease is left alone.
UPDATE dbq_job
SET state         = CASE WHEN cancel_requested IS NULL THEN 'READY' ELSE 'CANCELLED' END,
    cancel_requested = NULL,
    last_error    = 'lease of worker ' || coalesce(lock_owner, 'unknown') || ' expired at '
                    || lease_expires::text || ' during step ' || next_step,
    lock_owner    = NULL,
    claim_id      = NULL,
    lease_expires = NULL,
    modified      = clock_timestamp()
WHERE state IN ('PROCESSING', 'STOPPING')
  AND lease_expires < now()
RETURNING id, name, queue_name, next_step, attempt
