-- save-batch.sql for a worker that records no step-run history (DbqWorker.Builder.recordHistory
-- false, `dbq worker --no-history`): the same update of dbq_job, row for row (keep the two in
-- step: SaveBatchHistoryTest runs every kind through both), as one plain UPDATE. It binds
-- neither the history's columns nor a second table, so PostgreSQL plans and runs less on every
-- save: the statement is planned with its arrays each time (unprepared, like the claim), and a
-- data-modifying CTE with an INSERT costs its planning even when it inserts nothing.
-- parameters, one array element per step: :ids, :claim_ids, :kinds, :workspaces, :next_steps,
-- :states, :backoff_millis, :errors
UPDATE dbq_job AS j
SET workspace     = COALESCE(b.workspace::jsonb, j.workspace),
    next_step     = CASE WHEN b.kind IN ('S', 'C') THEN b.next_step ELSE j.next_step END,
    state         = CASE WHEN b.state = 'READY' AND j.cancel_requested IS NOT NULL
                         THEN 'CANCELLED' ELSE b.state END,
    cancel_requested = NULL,
    attempt       = CASE WHEN b.kind IN ('S', 'C') THEN 0 ELSE j.attempt END,
    run_after     = CASE WHEN b.kind = 'R' THEN now() + b.backoff_ms * interval '1 millisecond'
                         ELSE j.run_after END,
    last_error    = CASE WHEN b.kind = 'S' THEN j.last_error
                         WHEN b.kind = 'C' THEN coalesce(b.error, j.last_error) ELSE b.error END,
    lock_owner    = NULL,
    claim_id      = NULL,
    lease_expires = NULL,
    modified      = clock_timestamp()
FROM unnest(:ids::uuid[], :claim_ids::uuid[], :kinds::text[], :workspaces::text[],
            :next_steps::int[], :states::text[], :backoff_millis::bigint[], :errors::text[])
     AS b(id, claim_id, kind, workspace, next_step, state, backoff_ms, error)
WHERE j.id = b.id
  AND j.claim_id = b.claim_id
  AND j.state IN ('PROCESSING', 'STOPPING')
RETURNING b.claim_id
