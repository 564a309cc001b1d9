-- One page of jobs for JobQuery, in the claim's order (priority DESC, then seq), after a keyset
-- position, when no filter but states and time windows is given (JobListing picks this statement,
-- list-waiting-jobs.sql or list-jobs-matching.sql). :states are of one StateGroup (JobListing runs
-- this once per group and merges the pages): the constant qual d.state = ANY(:states) beside the
-- lateral's d.state = s.state is what lets the planner prove the partial indexes' predicates (a
-- join variable proves nothing).
-- Finished states (COMPLETE, FAILED, CANCELLED): as claim.sql does per queue, each state is read by
-- its own index-ordered scan of dbq_job_listing_idx (state, -(priority), seq) WHERE finished, which
-- seeks straight to the position (one row comparison on the index's own key) and stops after
-- :limit rows; the outer ORDER BY merges the per-state heads. Such a page costs about the same on
-- the first page and the thousandth, on a queue of ten jobs and on a table of a million.
-- Running states (PROCESSING, STOPPING): dbq_job_lease_idx WHERE state IN ('PROCESSING',
-- 'STOPPING'), which holds only the jobs workers hold now (a few per worker slot), whatever the
-- table's size; their rows after the position are read and the first :limit kept (a top-N sort).
-- Waiting states (NEW, READY) have a statement of their own, list-waiting-jobs.sql, since a backlog
-- can be large: it merges per-queue ordered scans of dbq_job_claim_idx. (Given them, this one
-- would read them all through dbq_job_claim_idx and sort.)
-- The windows are optional (a null parameter switches its test off): run unprepared, every
-- execution is planned with its values, so a switched off test folds away.
-- Read-only: it locks nothing and fences nothing (a page is what was committed when it ran).
-- parameters: :states, :created_from, :created_to, :modified_from, :modified_to, :after_rank and
-- :after_seq (null for the first page), :limit
SELECT j.id, j.name, j.queue_name, j.priority, j.state, j.next_step, j.workspace,
       j.created, j.modified, j.run_after, j.attempt, j.last_error, j.seq
  FROM unnest(:states::text[]) AS s(state)
 CROSS JOIN LATERAL (
    SELECT d.id, d.name, d.queue_name, d.priority, d.state, d.next_step, d.workspace::text,
           d.created, d.modified, d.run_after, d.attempt, d.last_error, d.seq
      FROM dbq_job d
     WHERE d.state = s.state
       AND d.state = ANY(:states::text[])
       AND (:created_from::timestamptz IS NULL OR d.created >= :created_from::timestamptz)
       AND (:created_to::timestamptz IS NULL OR d.created < :created_to::timestamptz)
       AND (:modified_from::timestamptz IS NULL OR d.modified >= :modified_from::timestamptz)
       AND (:modified_to::timestamptz IS NULL OR d.modified < :modified_to::timestamptz)
       AND (:after_seq::bigint IS NULL
            OR (-(d.priority::integer), d.seq) > (:after_rank::integer, :after_seq::bigint))
     ORDER BY -(d.priority::integer), d.seq
     LIMIT :limit
 ) AS j
 ORDER BY -(j.priority::integer), j.seq
 LIMIT :limit
