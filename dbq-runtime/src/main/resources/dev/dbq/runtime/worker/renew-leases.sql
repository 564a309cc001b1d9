-- Heartbeat: extends the leases this worker still holds; the claims not returned were lost.
-- parameters: 1 lease millis, 2 claim ids uuid[]
UPDATE dbq_job
SET lease_expires = now() + ? * interval '1 millisecond'
WHERE claim_id = ANY(?::uuid[])
  AND state IN ('PROCESSING', 'STOPPING')
RETURNING claim_id
