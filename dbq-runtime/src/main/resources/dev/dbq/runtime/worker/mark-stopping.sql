-- The worker is shutting down: its in-flight jobs show STOPPING while their steps finish.
-- parameters: 1 claim ids uuid[]
UPDATE dbq_job
SET state    = 'STOPPING',
    modified = clock_timestamp()
WHERE claim_id = ANY(?::uuid[])
  AND state = 'PROCESSING'
