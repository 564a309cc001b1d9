-- Gives back prefetched claims whose steps never started (an adaptive prefetch that waited too
-- long): READY again, claim cleared so that nothing of this claim can be saved, the attempt the
-- claim counted taken back, last_error left as it was (nothing failed); a job an operator asked to
-- stop (cancel_requested) ends CANCELLED instead.
-- Fenced by each row's claim id and the PROCESSING state; claim_id has no index
-- of its own: the rows are found through dbq_job_lease_idx, partial on PROCESSING and STOPPING.
-- parameters: :claim_ids
UPDATE dbq_job
SET state         = CASE WHEN cancel_requested IS NULL THEN 'READY' ELSE 'CANCELLED' END,
    cancel_requested = NULL,
    attempt       = greatest(attempt - 1, 0),
    lock_owner    = NULL,
    claim_id      = NULL,
    lease_expires = NULL,
    modified      = clock_timestamp()
WHERE claim_id = ANY(:claim_ids::uuid[])
  AND state = 'PROCESSING'
