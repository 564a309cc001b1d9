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
-- the lost run, or hands it back), so the job and its history never disagree: a save refused by
-- its claim fence writes no row, and a claimed step that never started (a prefetched claim given
-- back) has none. Rows are only inserted, never updated. Deleting a job deletes its history
-- (delete-old-jobs too, through the cascade). A worker built with recordHistory(false) (dbq worker
-- --no-history) writes no row for the runs it saves or hands back; rescued lost runs are always
-- written.
CREATE TABLE IF NOT EXISTS dbq_step_run (
    -- the order in which the rows were written: a job's runs in the order they ended
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id      uuid        NOT NULL REFERENCES dbq_job (id) ON DELETE CASCADE,
    -- dbq_job.next_step when the step ran: 0 for the first step
    step_index  integer     NOT NULL,
    -- NULL where the writer cannot know it (a lost run rescued by a worker without the job, a
    -- step index the job no longer has)
    step_name   text        NULL,
    -- the run's attempt at this step (dbq_job.attempt while it ran): 1 for the first; each step
    -- of a job counts from 1
    attempt     integer     NOT NULL,
    -- the worker id (lock_owner) of the worker that ran the step; for a rescued lost run, the
    -- worker whose lease lapsed
    worker      text        NULL,
    -- database clock. A run the worker saved or handed back: when its step started and ended (the
    -- worker's monotonic clock, placed on the database's by the statement that wrote the row;
    -- ended is the hand-back for a handed-back run). A run rescued after its lease lapsed: started
    -- is the job's modified as the rescue found it (the claim, or its worker's STOPPING mark),
    -- ended the lapse of the lease; when the run really ended is not known
    started     timestamptz NOT NULL,
    ended       timestamptz NOT NULL,
    duration    interval    GENERATED ALWAYS AS (ended - started) STORED,
    -- SUCCEEDED  the step returned; the job moved to its next step (READY) or COMPLETE
    -- RETRIED    the step (or its pre-step hook) threw and attempts remain: READY after a backoff
    -- FAILED     the step threw on its last attempt, or the job could not be run (not in the
    --            catalog, unreadable workspace, too many lost runs) or its result not saved: FAILED
    -- LOST       the run ended without a result: its lease lapsed and a rescue gave the job back, or
    --            its worker handed it back after a fatal error (OutOfMemoryError, System.exit)
    -- STOPPED    the worker's shutdown ended the run (still running when the grace period ended, or
    --            the shutdown was interrupted) and handed the job back
    -- CANCELLED  an operator's cancel ended the run
    -- LOST and STOPPED runs count toward DbqWorker.MAX_LOST_RUNS (the job's attempt is kept).
    outcome     text        NOT NULL
                CHECK (outcome IN ('SUCCEEDED', 'FAILED', 'RETRIED', 'LOST', 'STOPPED', 'CANCELLED')),
    -- what the job's last_error became (NULL for SUCCEEDED)
    error       text        NULL,
    -- the throwable's printStackTrace, causes included, for RETRIED and FAILED runs whose step or
    -- hook threw (NULL otherwise); passwords in JDBC URLs masked, NUL written as \u0000, and at most
    -- StackTraceText.MAX_CHARS (16,000) characters: the head and the tail (where the root cause
    -- is) are kept, the middle cut and counted
    stack_trace text        NULL
);

-- serves a job's history (findJob, show) and the cascade of a job's delete; the claim never reads
-- this table
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
