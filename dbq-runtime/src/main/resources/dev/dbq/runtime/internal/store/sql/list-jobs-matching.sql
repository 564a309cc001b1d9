-- One page of jobs for JobQuery, in the claim's order (priority DESC, then seq), after a keyset
-- position, when a queue, a job name or a workspace filter is given (else list-jobs.sql): these
-- filters can match few jobs of many, where reading each state in order until a page is full
-- would walk most of the table. Here the planner chooses with the values at hand (run unprepared,
-- so a switched off test, null, folds away), then sorts the matches after the position and keeps
-- :limit. A page costs at most about the number of jobs that match (not the table's size).
-- :states are of one StateGroup (JobListing runs this once per group and merges the pages), so
-- d.state = ANY(:states), a constant when planned, proves one group's partial indexes. Finished
-- states: dbq_job_workspace_idx (GIN, jsonb_path_ops) for a workspace filter,
-- dbq_job_state_queue_idx for a queue, dbq_job_listing_idx in order for a common match, all three
-- WHERE state IN ('COMPLETE', 'FAILED', 'CANCELLED'). Waiting states: dbq_job_claim_idx (queue_name
-- first) WHERE state IN ('NEW', 'READY'); running states: dbq_job_lease_idx WHERE state IN
-- ('PROCESSING', 'STOPPING'); the live jobs are few, and the other filters are checked on their
-- rows.
-- Read-only: it locks nothing and fences nothing (a page is what was committed when it ran).
-- parameters: :states, :queue, :name, :created_from, :created_to, :modified_from, :modified_to,
-- :contains (a JSON object), :after_rank and :after_seq (null for the first page), :limit
SELECT d.id, d.name, d.queue_name, d.priority, d.state, d.next_step, d.workspace::text,
       d.created, d.modified, d.run_after, d.attempt, d.last_error, d.seq
  FROM dbq_job d
 WHERE d.state = ANY(:states::text[])
   AND (:queue::text IS NULL OR d.queue_name = :queue::text)
   AND (:name::text IS NULL OR d.name = :name::text)
   AND (:created_from::timestamptz IS NULL OR d.created >= :created_from::timestamptz)
   AND (:created_to::timestamptz IS NULL OR d.created < :created_to::timestamptz)
   AND (:modified_from::timestamptz IS NULL OR d.modified >= :modified_from::timestamptz)
   AND (:modified_to::timestamptz IS NULL OR d.modified < :modified_to::timestamptz)
   AND (:contains::jsonb IS NULL OR d.workspace @> :contains::jsonb)
   AND (:after_seq::bigint IS NULL
        OR (-(d.priority::integer), d.seq) > (:after_rank::integer, :after_seq::bigint))
 ORDER BY -(d.priority::integer), d.seq
 LIMIT :limit
