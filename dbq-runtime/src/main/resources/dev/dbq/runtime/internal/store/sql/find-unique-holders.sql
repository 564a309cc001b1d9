-- The jobs that hold unique keys now: for each key of :keys (hex) that a job in one of its
-- refusing states holds, that job's id. Reads dbq_job_unique_idx (its predicate is repeated here
-- so that the planner may use the partial index); at most one row per key, by that index.
-- Run after insert-unique-jobs.sql skipped rows, in a statement of its own, so that its snapshot
-- sees the inserter that the insert waited for. A key no job holds any more (its job ended between
-- the two statements) is absent: the caller inserts that job again.
-- parameters: :keys
SELECT encode(unique_key, 'hex'), id
  FROM dbq_job
 WHERE unique_key IN (SELECT decode(k, 'hex') FROM unnest(:keys::text[]) AS k)
   AND unique_key IS NOT NULL
   AND state = ANY (unique_states)
