-- Makes scheduled jobs runnable now (JobControl.runNow): a NEW or READY job whose run_after is in
-- the future (a delayed job, or a retry waiting out its backoff) has it cleared, and the workers of
-- its queue are woken. Fenced by the states it expects: a job claimed meanwhile, or not scheduled,
-- is left alone and not returned.
-- The jobs are named by :ids (through the primary key) or, when :ids is null, by the filter
-- (:states, :queue, :name; each null matches every job). Run unprepared. Its states (NEW, READY,
-- written in) prove the predicate of dbq_job_claim_idx (queue_name first): only the waiting jobs
-- are read, never the finished ones.
-- parameters: :ids, :states, :queue, :name, :channel
WITH due AS (
    UPDATE dbq_job
    SET run_after = NULL,
        modified  = clock_timestamp()
    WHERE state IN ('NEW', 'READY')
      AND run_after > now()
      AND (:ids::uuid[] IS NULL OR id = ANY(:ids::uuid[]))
      AND (:states::text[] IS NULL OR state = ANY(:states::text[]))
      AND (:queue::text IS NULL OR queue_name = :queue::text)
      AND (:name::text IS NULL OR name = :name::text)
    RETURNING id, queue_name
)
-- one notification per queue: PostgreSQL folds identical ones of a transaction
SELECT id, pg_notify(:channel, queue_name)::text FROM due
