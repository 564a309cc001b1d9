-- Heartbeat: extends the leases this worker still holds; the claims not returned were lost. Also
-- says which of them an operator asked to stop (cancel_requested): the fallback for a missed
-- notification of the cancel.
-- Fenced by each row's claim id and the states a claimed job can be in; claim_id has no
-- index of its own: the rows are found through dbq_job_lease_idx, partial on exactly those states.
-- parameters: :lease_millis, :claim_ids
UPDATE dbq_job
SET lease_expires = now() + :lease_millis * interval '1 millisecond'
WHERE claim_id = ANY(:claim_ids::uuid[])
  AND state IN ('PROCESSING', 'STOPPING')
RETURNING claim_id, cancel_requested IS NOT NULL
