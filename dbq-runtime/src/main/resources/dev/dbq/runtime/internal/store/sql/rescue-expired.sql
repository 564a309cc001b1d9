-- Returns jobs whose worker stopped renewing its lease (it died or hung) to READY (CANCELLED when an
-- operator had asked the job to stop: it is not run again). The attempt
-- was already counted when the job was claimed. Uses dbq_job_lease_idx.
-- Fenced by the states a claimed job can be in and the lapsed lease: a renewed lease is left alone.
-- The rows are locked first (lost) so that the update can still see what the rescue clears: the
-- worker that lost the run, its lease and when the job last changed (the claim, or its worker's
-- STOPPING mark). The same statement writes each rescued run's dbq_step_run row (LOST), named by
-- this worker's catalog where it has the job (:job_names, :step_indexes, :step_names, one element
-- per step of the catalog), so the job and its history never disagree. Written also by a worker
-- that records no history of its own runs: a lost run is rare, and may be another worker's.
-- parameters: :job_names, :step_indexes, :step_names
WITH lost AS (
    SELECT id, lock_owner, lease_expires, modified
      FROM dbq_job
     WHERE state IN ('PROCESSING', 'STOPPING')
       AND lease_expires < now()
       FOR UPDATE
), rescued AS (
    UPDATE dbq_job AS j
    SET state         = CASE WHEN j.cancel_requested IS NULL THEN 'READY' ELSE 'CANCELLED' END,
        cancel_requested = NULL,
        last_error    = 'lease of worker ' || coalesce(j.lock_owner, 'unknown') || ' expired at '
                        || j.lease_expires::text || ' during step ' || j.next_step,
        lock_owner    = NULL,
        claim_id      = NULL,
        lease_expires = NULL,
        modified      = clock_timestamp()
    FROM lost
    WHERE j.id = lost.id
      AND j.state IN ('PROCESSING', 'STOPPING')
      AND j.lease_expires < now()
    RETURNING j.id, j.name, j.queue_name, j.next_step, j.attempt, j.last_error,
              lost.lock_owner, lost.lease_expires, lost.modified
), recorded AS (
    INSERT INTO dbq_step_run (job_id, step_index, step_name, attempt, worker, started, ended,
                              outcome, error)
    SELECT r.id, r.next_step, step.step_name, r.attempt, r.lock_owner,
           least(r.modified, r.lease_expires), r.lease_expires, 'LOST', r.last_error
      FROM rescued r
      LEFT JOIN unnest(:job_names::text[], :step_indexes::int[], :step_names::text[])
                AS step(job_name, step_index, step_name)
             ON step.job_name = r.name AND step.step_index = r.next_step
)
SELECT id, name, queue_name, next_step, attempt FROM rescued
