-- dbq schema, version 3: job control. A new terminal state (CANCELLED), a record of every step run,
-- queues as rows of their own (paused, a global concurrency limit).
-- Each part below has its own section; a later feature adds its DDL to its own section.

-- ── states ──────────────────────────────────────────────────────────────────────────────────────
-- CANCELLED: an operator cancelled the job (at once while NEW/READY, at the end of the running step
-- while PROCESSING). Terminal, like COMPLETE and FAILED.
ALTER TABLE dbq_job DROP CONSTRAINT IF EXISTS dbq_job_state_check;
ALTER TABLE dbq_job ADD CONSTRAINT dbq_job_state_check
    CHECK (state IN ('NEW', 'READY', 'PROCESSING', 'STOPPING', 'COMPLETE', 'FAILED', 'CANCELLED'));

-- ── cancellation ────────────────────────────────────────────────────────────────────────────────
-- when an operator asked a PROCESSING job to stop (database clock); NULL otherwise. The worker that
-- holds the job learns of it and ends the job CANCELLED.
ALTER TABLE dbq_job ADD COLUMN IF NOT EXISTS cancel_requested timestamptz NULL;

-- ── step-run history ────────────────────────────────────────────────────────────────────────────
-- One row per run of a step, written by the statement that saves the step's outcome (or rescues
-- the lost run), so the job and its history never disagree. Deleting a job deletes its history.
CREATE TABLE IF NOT EXISTS dbq_step_run (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id      uuid        NOT NULL REFERENCES dbq_job (id) ON DELETE CASCADE,
    step_index  integer     NOT NULL,
    -- NULL where the writer cannot know it (a lost run rescued by a worker without the job)
    step_name   text        NULL,
    attempt     integer     NOT NULL,
    worker      text        NULL,
    -- database clock
    started     timestamptz NOT NULL,
    ended       timestamptz NOT NULL,
    outcome     text        NOT NULL
                CHECK (outcome IN ('SUCCEEDED', 'FAILED', 'RETRIED', 'LOST', 'STOPPED', 'CANCELLED')),
    error       text        NULL,
    -- trimmed to a bound by the writer
    stack_trace text        NULL
);

-- serves a job's history (findJob, show) and the cascade of a job's delete
CREATE INDEX IF NOT EXISTS dbq_step_run_job_idx ON dbq_step_run (job_id, id);

-- ── queues ──────────────────────────────────────────────────────────────────────────────────────
-- A row only for a queue an operator configured: a queue without a row is running and unlimited.
CREATE TABLE IF NOT EXISTS dbq_queue (
    name              text        PRIMARY KEY,
    paused            boolean     NOT NULL DEFAULT false,
    -- at most this many of the queue's jobs PROCESSING or STOPPING at once, across every worker;
    -- NULL: no limit
    concurrency_limit integer     NULL CHECK (concurrency_limit IS NULL OR concurrency_limit > 0),
    modified          timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- How many jobs of a limited queue one claim may take: its limit less its jobs PROCESSING or
-- STOPPING (prefetched ones count: they are PROCESSING), at most `wanted`; 0 for a paused queue.
-- The claim (claim.sql) calls it only for queues whose row has a limit; unlimited queues pay no
-- lock.
-- Why a function: the count must see every claim of the queue committed before this one. The
-- row lock makes the claims of a limited queue take turns, and a VOLATILE function's queries
-- each take a fresh snapshot, so the count, made after the lock was granted, sees what the claim
-- it waited for committed. Written inside the claim statement, the count would read that
-- statement's snapshot, taken before the wait, miss the claims of the worker it waited for, and
-- let the limit be exceeded (READ COMMITTED re-reads only the locked row itself).
-- The lock is held until the claim commits. The count reads dbq_job_lease_idx (partial on
-- PROCESSING and STOPPING: it holds only the jobs workers hold now, whatever the queue). No index
-- of its own: one more index on dbq_job would cost every claim and lease renewal of every queue an
-- entry, to speed up a count over a few hundred rows that only limited queues make.
CREATE OR REPLACE FUNCTION dbq_queue_room(for_queue text, wanted integer) RETURNS integer
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    queue_limit integer;
    held        bigint;
BEGIN
    -- the row as it is now (FOR UPDATE reads the latest version): paused or deleted meanwhile
    -- gives no room this time
    SELECT q.concurrency_limit INTO queue_limit
      FROM dbq_queue q
     WHERE q.name = for_queue AND NOT q.paused
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    IF queue_limit IS NULL THEN
        RETURN wanted;
    END IF;
    SELECT count(*) INTO held
      FROM dbq_job j
     WHERE j.queue_name = for_queue AND j.state IN ('PROCESSING', 'STOPPING');
    RETURN greatest(0, least(wanted::bigint, queue_limit - held))::integer;
END
$$;

-- ── listing ─────────────────────────────────────────────────────────────────────────────────────
-- Serve Dbq.jobs(): JobQuery's pages, its counts and its workspace filter (see list-jobs.sql and
-- count-jobs.sql). Measured on a million finished jobs in docs/benchmarks.md, with their cost on
-- enqueue and drain.

-- a page of one state in the claim's order (priority DESC, seq): -(priority) ascending is priority
-- descending, and with seq it is one ascending key, so the page's keyset position is a single row
-- comparison the index seeks to (integer: -(-32768) does not fit a smallint)
CREATE INDEX IF NOT EXISTS dbq_job_listing_idx
    ON dbq_job (state, (-(priority::integer)), seq);

-- counts per state and queue: an index-only scan, a few bytes per job (deduplicated: few distinct
-- pairs), instead of reading the whole table
CREATE INDEX IF NOT EXISTS dbq_job_state_queue_idx ON dbq_job (state, queue_name);

-- workspace @> a JSON object; jsonb_path_ops: smaller and faster than the default operator class
-- for containment, the only operator dbq's filter uses
CREATE INDEX IF NOT EXISTS dbq_job_workspace_idx ON dbq_job USING gin (workspace jsonb_path_ops);
