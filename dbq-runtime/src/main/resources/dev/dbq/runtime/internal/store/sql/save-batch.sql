-- Saves the outcomes of many finished steps in one statement (one commit), each row fenced by its
-- own claim: a row whose claim was lost (lease lapsed, handed back) is left alone and its claim id
-- is not returned. Every kind saves the workspace the step and its hooks left (a null one keeps the
-- stored workspace). Kinds: S succeeded (next step, READY or COMPLETE, attempt reset); R retry
-- (READY after a backoff on the database clock, last error); F failed for good (FAILED, last error);
-- C cancelled (CANCELLED at the given next step, the step's own when it did not finish, attempt
-- reset, the reason in last_error). A job an
-- operator asked to stop (cancel_requested) whose outcome would make it READY ends CANCELLED
-- instead, whatever its worker knew: it is never claimed again; COMPLETE and FAILED stand.
-- The rows are found by primary key (j.id = b.id).
-- parameters, one array element per step: :ids, :claim_ids, :kinds, :workspaces, :next_steps,
-- :states, :backoff_millis, :errors
UPDATE dbq_job AS j
SET workspace     = COALESCE(b.workspace::jsonb, j.workspace),
    next_step     = CASE WHEN b.kind IN ('S', 'C') THEN b.next_step ELSE j.next_step END,
    state         = CASE WHEN b.state = 'READY' AND j.cancel_requested IS NOT NULL THEN 'CANCELLED'
                         ELSE b.state END,
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
