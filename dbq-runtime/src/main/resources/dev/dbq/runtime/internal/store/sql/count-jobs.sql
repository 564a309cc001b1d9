-- Counts the jobs JobQuery matches, per state and queue, among :states, which are of one
-- StateGroup (JobListing runs this once per group and puts the counts side by side: the groups are
-- disjoint). d.state = ANY(:states), a constant when planned (run unprepared), proves one group's
-- partial indexes. Finished states without filters (or with states only): an index-only scan of
-- dbq_job_state_queue_idx (state, queue_name) WHERE state IN ('COMPLETE', 'FAILED', 'CANCELLED'),
-- a few bytes per job, since the index keeps each (state, queue) pair once with a list of rows,
-- instead of a read of every row with its workspace (docs/benchmarks.md: a million finished jobs);
-- with a workspace filter, dbq_job_workspace_idx (the same predicate). Waiting states:
-- dbq_job_claim_idx WHERE state IN ('NEW', 'READY'); running states: dbq_job_lease_idx WHERE state
-- IN ('PROCESSING', 'STOPPING'): the live jobs alone. The filters are those of list-jobs.sql,
-- optional in the same way (a switched off test folds away).
-- Read-only: it locks nothing and fences nothing.
-- parameters: :states, :queue, :name, :created_from, :created_to, :modified_from, :modified_to,
-- :contains
SELECT d.state, d.queue_name, count(*)
  FROM dbq_job d
 WHERE d.state = ANY(:states::text[])
   AND (:queue::text IS NULL OR d.queue_name = :queue::text)
   AND (:name::text IS NULL OR d.name = :name::text)
   AND (:created_from::timestamptz IS NULL OR d.created >= :created_from::timestamptz)
   AND (:created_to::timestamptz IS NULL OR d.created < :created_to::timestamptz)
   AND (:modified_from::timestamptz IS NULL OR d.modified >= :modified_from::timestamptz)
   AND (:modified_to::timestamptz IS NULL OR d.modified < :modified_to::timestamptz)
   AND (:contains::jsonb IS NULL OR d.workspace @> :contains::jsonb)
 GROUP BY d.state, d.queue_name
