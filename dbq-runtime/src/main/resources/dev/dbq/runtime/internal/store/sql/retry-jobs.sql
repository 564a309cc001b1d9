-- Retries jobs an operator names (JobControl.retry): FAILED and CANCELLED jobs go back to READY at
-- the step they stopped at (or :from_step), their attempts reset, runnable now (run_after cleared),
-- and the workers of their queues are woken. Fenced by the states it expects: a job that moved on
-- (retried by another operator meanwhile, or never failed) is left alone and not returned. One
-- statement, so two operators retrying the same jobs at once retry each job once.
-- The jobs are named by :ids (through the primary key) or, when :ids is null, by the filter
-- (:states, :queue, :name; each null matches every job): an operator's action, not a hot path.
-- Run unprepared, so the null tests fold away in the plan. Its states (FAILED, CANCELLED, written
-- in) prove the predicate of the finished jobs' partial indexes: dbq_job_state_queue_idx (state,
-- queue_name) serves the states and the queue, without reading the other finished rows.
-- A unique job (V6) is left alone when going back to READY would make it a duplicate: when another
-- job holds its key now, or when an older FAILED/CANCELLED job of the same key is retried instead
-- (each key back once); a duplicate enqueued between the check and the update fails the statement
-- on dbq_job_unique_idx, and nothing is retried.
-- parameters: :from_step (null: the step each job stopped at), :ids, :states, :queue, :name,
-- :channel
WITH retried AS (
    UPDATE dbq_job
    SET state            = 'READY',
        next_step        = coalesce(:from_step::int, next_step),
        attempt          = 0,
        run_after        = NULL,
        cancel_requested = NULL,
        modified         = clock_timestamp()
    WHERE state IN ('FAILED', 'CANCELLED')
      AND (:ids::uuid[] IS NULL OR id = ANY(:ids::uuid[]))
      AND (:states::text[] IS NULL OR state = ANY(:states::text[]))
      AND (:queue::text IS NULL OR queue_name = :queue::text)
      AND (:name::text IS NULL OR name = :name::text)
      AND (unique_key IS NULL
           OR (NOT EXISTS (SELECT 1 FROM dbq_job holder
                            WHERE holder.unique_key = dbq_job.unique_key
                              AND holder.unique_key IS NOT NULL
                              AND holder.state = ANY (holder.unique_states)
                              AND holder.id <> dbq_job.id)
               AND id = (SELECT oldest.id FROM dbq_job oldest
                          WHERE oldest.unique_key = dbq_job.unique_key
                            AND oldest.state IN ('FAILED', 'CANCELLED')
                          ORDER BY oldest.seq LIMIT 1)))
    RETURNING id, queue_name
)
-- one notification per queue: PostgreSQL folds identical ones of a transaction
SELECT id, pg_notify(:channel, queue_name)::text FROM retried
