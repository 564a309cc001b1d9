-- One page of waiting jobs (:states within NEW and READY) for JobQuery, in the claim's order
-- (priority DESC, then seq), after a keyset position, when no filter but states and time windows
-- is given: JobListing's statement for the waiting StateGroup (list-jobs.sql serves the others).
-- Waiting jobs have no listing index of their own (migration V7 keeps the listing indexes to the
-- finished jobs, so that the insert and the claim write none of their entries); they are read
-- through the claim's dbq_job_claim_idx (queue_name, priority DESC, seq) WHERE state IN ('NEW',
-- 'READY'), whose predicate d.state = ANY(:states), a constant when planned (run unprepared),
-- proves. That index is in the claim's order within each queue, not across queues; so, as
-- list-jobs.sql merges one ordered scan per state, this merges one per queue of :queues (the
-- queues that have waiting jobs, from waiting-queues.sql in the same snapshot), each stopped after
-- :limit rows. The position (rank = -priority, seq) is two seeks, since the index orders priority
-- descending and seq ascending, which one row comparison cannot express: the rest of the
-- position's priority (seq after it), then the lower priorities. A page costs about the same on
-- the first page and the thousandth, with ten or a million jobs waiting in a few queues; a state
-- of :states that few waiting jobs are in (READY among many NEW) is a filter on the rows read. The
-- windows are optional, as in list-jobs.sql (run unprepared: a switched off test folds away, and
-- so does the first seek on the first page).
-- Read-only: it locks nothing and fences nothing (a page is what was committed when it ran).
-- parameters: :queues, :states, :created_from, :created_to, :modified_from, :modified_to,
-- :after_rank and :after_seq (null for the first page), :limit
SELECT j.id, j.name, j.queue_name, j.priority, j.state, j.next_step, j.workspace,
       j.created, j.modified, j.run_after, j.attempt, j.last_error, j.seq
  FROM unnest(:queues::text[]) AS q(name)
 CROSS JOIN LATERAL (
    (SELECT d.id, d.name, d.queue_name, d.priority, d.state, d.next_step, d.workspace::text,
            d.created, d.modified, d.run_after, d.attempt, d.last_error, d.seq
       FROM dbq_job d
      WHERE d.queue_name = q.name
        AND d.state = ANY(:states::text[])
        AND (:created_from::timestamptz IS NULL OR d.created >= :created_from::timestamptz)
        AND (:created_to::timestamptz IS NULL OR d.created < :created_to::timestamptz)
        AND (:modified_from::timestamptz IS NULL OR d.modified >= :modified_from::timestamptz)
        AND (:modified_to::timestamptz IS NULL OR d.modified < :modified_to::timestamptz)
        AND :after_seq::bigint IS NOT NULL
        AND d.priority = -(:after_rank::integer) AND d.seq > :after_seq::bigint
      ORDER BY d.priority DESC, d.seq
      LIMIT :limit)
    UNION ALL
    (SELECT d.id, d.name, d.queue_name, d.priority, d.state, d.next_step, d.workspace::text,
            d.created, d.modified, d.run_after, d.attempt, d.last_error, d.seq
       FROM dbq_job d
      WHERE d.queue_name = q.name
        AND d.state = ANY(:states::text[])
        AND (:created_from::timestamptz IS NULL OR d.created >= :created_from::timestamptz)
        AND (:created_to::timestamptz IS NULL OR d.created < :created_to::timestamptz)
        AND (:modified_from::timestamptz IS NULL OR d.modified >= :modified_from::timestamptz)
        AND (:modified_to::timestamptz IS NULL OR d.modified < :modified_to::timestamptz)
        AND (:after_seq::bigint IS NULL OR d.priority < -(:after_rank::integer))
      ORDER BY d.priority DESC, d.seq
      LIMIT :limit)
 ) AS j
 ORDER BY -(j.priority::integer), j.seq
 LIMIT :limit
