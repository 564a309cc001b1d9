-- Cancels jobs an operator names (JobControl.cancel): NEW and READY jobs become CANCELLED at once;
-- a PROCESSING or STOPPING job is asked to stop (cancel_requested, database clock), and its worker,
-- woken by the notification :cancel_payload (or told by its next lease renewal), stops the step
-- and saves the job CANCELLED. Fenced by the states it expects, re-checked on each row after any
-- concurrent claim or save committed: a job being claimed is either cancelled before the claim
-- takes it or asked to stop after; a job already asked, or finished, is left alone and not
-- returned. Returns each job changed with its state after the change.
-- The jobs are named by :ids (through the primary key) or, when :ids is null, by the filter
-- (:states, :queue, :name; each null matches every job). Run unprepared. Its states are written
-- as one list per StateGroup, so each arm of the OR proves one live partial index
-- (dbq_job_claim_idx for NEW and READY, dbq_job_lease_idx for PROCESSING and STOPPING): a
-- BitmapOr of the live jobs alone, never a read of the finished ones.
-- parameters: :ids, :states, :queue, :name, :channel, :cancel_payload
WITH cancelled AS (
    UPDATE dbq_job
    SET state            = CASE WHEN state IN ('NEW', 'READY') THEN 'CANCELLED' ELSE state END,
        cancel_requested = CASE WHEN state IN ('NEW', 'READY') THEN NULL ELSE now() END,
        modified         = clock_timestamp()
    WHERE (state IN ('NEW', 'READY')
           OR (state IN ('PROCESSING', 'STOPPING') AND cancel_requested IS NULL))
      AND (:ids::uuid[] IS NULL OR id = ANY(:ids::uuid[]))
      AND (:states::text[] IS NULL OR state = ANY(:states::text[]))
      AND (:queue::text IS NULL OR queue_name = :queue::text)
      AND (:name::text IS NULL OR name = :name::text)
    RETURNING id, state
)
-- one notification for the whole statement: PostgreSQL folds identical ones of a transaction
SELECT id, state,
       CASE WHEN state <> 'CANCELLED' THEN pg_notify(:channel, :cancel_payload)::text END
  FROM cancelled
