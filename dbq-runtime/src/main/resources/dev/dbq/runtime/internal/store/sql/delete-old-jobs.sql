-- Deletes finished jobs (COMPLETE, FAILED, CANCELLED), and abandoned STOPPING ones, created more than :older_than_us
-- microseconds ago. A STOPPING job without a claim (left by a seed-era worker, or written around
-- dbq) is resumed by no one. A STOPPING job with a claim is never deleted: its worker is finishing
-- the step (lease alive) or died (the rescue returns it to READY once the lease lapsed); jobs in
-- any other state are fenced out by the state predicate. dbq_job_created_idx serves it when few jobs
-- are old enough; when many are, the table is scanned.
-- parameters: :older_than_us
DELETE FROM dbq_job
 WHERE created < now() - :older_than_us * interval '1 microsecond'
   AND (state IN ('COMPLETE', 'FAILED', 'CANCELLED')
        OR (state = 'STOPPING' AND (claim_id IS NULL OR lease_expires IS NULL)))
