-- The worker's vacuum of the queue table (TableVacuum): removes the dead entries claims leave at
-- the head of dbq_job_claim_idx. SKIP_LOCKED: when another vacuum of the table runs, this one is
-- skipped rather than queued (the only fence). Reads the whole table and its indexes; runs outside a
-- transaction block, in autocommit.
VACUUM (SKIP_LOCKED) dbq_job
