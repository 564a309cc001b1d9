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
    RETURNING id, queue_name
)
-- one notification per queue: PostgreSQL folds identical ones of a transaction
SELECT id, pg_notify(:channel, queue_name)::text FROM retried
