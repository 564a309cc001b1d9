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
-- The same statement writes one dbq_step_run row per job it saved, and none for a row the fence
-- refused: the job and its history never disagree (a worker that records no history runs
-- save-batch-without-history.sql instead, the same update without the insert); a retry
-- that the cancel turned into CANCELLED is recorded CANCELLED (a step that succeeded stays
-- SUCCEEDED: it did, and its job is cancelled before the next step). The
-- run's start and end are the worker's monotonic clock, sent as microseconds before the moment the
-- statement was sent, placed on the database clock by statement_timestamp() (when the statement
-- arrived); the insert reads only the saved rows, and the claim never reads dbq_step_run.
-- parameters, one array element per step: :ids, :claim_ids, :kinds, :workspaces, :next_steps,
-- :states, :backoff_millis, :errors, :step_indexes, :step_names, :attempts, :outcomes,
-- :stack_traces, :started_ago_us, :ended_ago_us; and :worker_id
WITH saved AS (
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
                :next_steps::int[], :states::text[], :backoff_millis::bigint[], :errors::text[],
                :step_indexes::int[], :step_names::text[], :attempts::int[], :outcomes::text[],
                :stack_traces::text[], :started_ago_us::bigint[], :ended_ago_us::bigint[])
         AS b(id, claim_id, kind, workspace, next_step, state, backoff_ms, error,
              step_index, step_name, attempt, outcome, stack_trace, started_ago_us, ended_ago_us)
    WHERE j.id = b.id
      AND j.claim_id = b.claim_id
      AND j.state IN ('PROCESSING', 'STOPPING')
    RETURNING b.id, b.claim_id, b.step_index, b.step_name, b.attempt,
              CASE WHEN b.kind = 'R' AND j.state = 'CANCELLED' THEN 'CANCELLED'
                   ELSE b.outcome END AS outcome,
              CASE WHEN b.kind = 'S' THEN NULL ELSE j.last_error END AS error,
              b.stack_trace, b.started_ago_us, b.ended_ago_us
), recorded AS (
    INSERT INTO dbq_step_run (job_id, step_index, step_name, attempt, worker, started, ended,
                              outcome, error, stack_trace)
    SELECT s.id, s.step_index, s.step_name, s.attempt, :worker_id,
           statement_timestamp() - s.started_ago_us * interval '1 microsecond',
           statement_timestamp() - s.ended_ago_us * interval '1 microsecond',
           s.outcome, s.error, s.stack_trace
      FROM saved s
)
SELECT claim_id FROM saved
