-- Saves the outcomes of many finished steps in one statement (one commit), each row fenced by its
-- own claim: a row whose claim was lost (lease lapsed, handed back) is left alone and its claim id
-- is not returned. Every kind saves the workspace the step and its hooks left (a null one keeps the
-- stored workspace). Kinds: S succeeded (next step, READY or COMPLETE, attempt reset); R retry
-- (READY after a backoff on the database clock, last error); F failed for good (FAILED, last error).
-- The rows are found by primary key (j.id = b.id).
-- parameters, one array element per step: :ids, :claim_ids, :kinds, :workspaces, :next_steps,
-- :states, :backoff_millis, :errors
UPDATE dbq_job AS j
SET workspace     = COALESCE(b.workspace::jsonb, j.workspace),
    next_step     = CASE WHEN b.kind = 'S' THEN b.next_step ELSE j.next_step END,
    state         = b.state,
    attempt       = CASE WHEN b.kind = 'S' THEN 0 ELSE j.attempt END,
    run_after     = CASE WHEN b.kind = 'R' THEN now() + b.backoff_ms * interval '1 millisecond'
                         ELSE j.run_after END,
    last_error    = CASE WHEN b.kind = 'S' THEN j.last_error ELSE b.error END,
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
