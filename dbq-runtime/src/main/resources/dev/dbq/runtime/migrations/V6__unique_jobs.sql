-- dbq schema, version 6: unique jobs (#16, @Unique). A unique job carries its key and the states in
-- which it refuses a duplicate; a partial unique index over the key of the rows in their refusing
-- states makes a second such row impossible, whichever process inserts it and however many try.
--
-- Why the states are a column of the row and not of the index: each job declares its own refusing
-- states (some refuse a duplicate of a COMPLETE job too, most do not), and one index must serve
-- them all. The predicate reads the row's own set (state = ANY (unique_states)), so a row enters
-- the index while it is in one of its refusing states and leaves it by the very update that moves
-- it out: completing, failing or cancelling a job frees its key with no extra write, and the
-- worker's statements (claim.sql, save-batch.sql) are unchanged. unique_key and unique_states are
-- written once, at insert, and never updated, so they cost no update a HOT chance it had (state,
-- in the claim index's predicate, already rules HOT out).
--
-- Why every refusing set holds NEW, READY, PROCESSING and STOPPING (the CHECK below): a job moves
-- between those four on its own (claim, next step, retry, shutdown, rescue). Were one left out, a
-- duplicate could be inserted while the job was in it, and the job's next move would collide with
-- the duplicate and fail the worker's save. The states outside them (COMPLETE, FAILED, CANCELLED)
-- are left only by an operator's retry, which skips a job whose key another job holds
-- (retry-jobs.sql).

-- SHA-256 of the job name, the chosen workspace fields' canonical JSON and the period (see
-- UniqueKeys); NULL for a job that is not unique
ALTER TABLE dbq_job ADD COLUMN IF NOT EXISTS unique_key bytea NULL;
-- the states in which this job refuses a duplicate; NULL for a job that is not unique
ALTER TABLE dbq_job ADD COLUMN IF NOT EXISTS unique_states text[] NULL;

ALTER TABLE dbq_job DROP CONSTRAINT IF EXISTS dbq_job_unique_states_check;
ALTER TABLE dbq_job ADD CONSTRAINT dbq_job_unique_states_check
    CHECK (unique_key IS NULL
           OR (unique_states IS NOT NULL
               AND unique_states @> ARRAY['NEW', 'READY', 'PROCESSING', 'STOPPING']::text[]));

-- The one index that enforces uniqueness; it holds only unique jobs in their refusing states, so
-- it stays small and costs jobs that are not unique one false predicate per insert and update.
-- insert-unique-jobs.sql names this predicate in its ON CONFLICT target. Built inside the
-- migration's transaction (CREATE INDEX CONCURRENTLY cannot be): on an existing table it holds a
-- write lock while it scans dbq_job once, finding no row (every existing unique_key is NULL).
CREATE UNIQUE INDEX IF NOT EXISTS dbq_job_unique_idx
    ON dbq_job (unique_key)
    WHERE unique_key IS NOT NULL AND state = ANY (unique_states);

-- Every unique job by its key, whatever its state: serves an operator's retry, which looks for an
-- older FAILED or CANCELLED job of the same key (retry-jobs.sql). Partial, so jobs that are not
-- unique have no entry.
CREATE INDEX IF NOT EXISTS dbq_job_unique_key_idx
    ON dbq_job (unique_key)
    WHERE unique_key IS NOT NULL;
