-- The worker is shutting down: its in-flight jobs show STOPPING while their steps finish.
-- Fenced by each row's claim id and the PROCESSING state; claim_id has no index
-- of its own: the rows are found through dbq_job_lease_idx, partial on PROCESSING and STOPPING.
-- parameters: :claim_ids
UPDATE dbq_job
SET state    = 'STOPPING',
    modified = clock_timestamp()
WHERE claim_id = ANY(:claim_ids::uuid[])
  AND state = 'PROCESSING'
