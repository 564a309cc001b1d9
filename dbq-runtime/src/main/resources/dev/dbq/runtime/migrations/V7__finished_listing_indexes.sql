-- dbq schema, version 7: the listing indexes of V3 hold finished jobs only.
--
-- Why: no update of dbq_job on the hot path is HOT (state is in the predicates of the partial
-- indexes dbq_job_claim_idx and dbq_job_lease_idx), so every row version (the insert, the claim,
-- each lease renewal, each save) enters every index that is not partial. V3's three listing
-- indexes were not: a single-step job wrote 17 index entries instead of 8, and a claim and save of
-- 20,000 jobs wrote 28.2 MB of WAL instead of 14.6 MB, with a quarter more backend CPU
-- (docs/benchmarks.md, "Looking at jobs on a million finished jobs").
--
-- Partial on the finished states, they take one entry per job, when it finishes (COMPLETE, FAILED
-- or CANCELLED: the rows a long-lived table has a million of), and none for the insert, the claim
-- or a renewal; a retried job gets one more when it finishes again. Live rows are few and already
-- have partial indexes of their own, which the listing now reads for them: dbq_job_claim_idx
-- (queue_name, priority DESC, seq) WHERE state IN ('NEW', 'READY') and dbq_job_lease_idx
-- (lease_expires) WHERE state IN ('PROCESSING', 'STOPPING') (V1).
--
-- PostgreSQL uses a partial index only when a query's own conditions imply its predicate when it
-- is planned. So the listing splits the states it is asked for into the three groups (waiting,
-- running, finished: StateGroup) and runs its statement once per group, each with the group's
-- states written in as constants (the listing statements run unprepared); the statements that
-- read every state (count-by-state, list-queues, queue-stats) read each group in a part of its
-- own.
--
-- Plain CREATE INDEX, not CONCURRENTLY: the migrator runs every script in one transaction, where
-- CONCURRENTLY is refused. DROP INDEX locks dbq_job exclusively until the migration commits, so
-- workers and readers wait while the three indexes are built (one read of the finished rows each):
-- on a table of millions, apply it at a quiet time (docs/benchmarks.md: 4.6 s for a million
-- finished jobs on this project's shared 2-core machine).
--
-- An index an operator dropped stays dropped: the README tells a deployment that never searches
-- workspaces to drop dbq_job_workspace_idx, and says migrations do not re-create it. So each index
-- is rebuilt only where it exists (V3 created all three, so a new database gets all three).

DO $$
BEGIN
    -- a page of one finished state in the claim's order (priority DESC, seq), as in V3:
    -- -(priority) ascending is priority descending, and with seq it is one ascending key that a
    -- page's keyset position seeks to (integer: -(-32768) does not fit a smallint)
    IF to_regclass('dbq_job_listing_idx') IS NOT NULL THEN
        DROP INDEX dbq_job_listing_idx;
        CREATE INDEX dbq_job_listing_idx
            ON dbq_job (state, (-(priority::integer)), seq)
            WHERE state IN ('COMPLETE', 'FAILED', 'CANCELLED');
    END IF;

    -- counts of finished jobs per state and queue: an index-only scan, a few bytes per job
    -- (deduplicated: few distinct pairs); also the queue filter of a listing or an action on them
    IF to_regclass('dbq_job_state_queue_idx') IS NOT NULL THEN
        DROP INDEX dbq_job_state_queue_idx;
        CREATE INDEX dbq_job_state_queue_idx
            ON dbq_job (state, queue_name)
            WHERE state IN ('COMPLETE', 'FAILED', 'CANCELLED');
    END IF;

    -- workspace @> a JSON object among finished jobs; jsonb_path_ops: smaller and faster than the
    -- default operator class for containment, the only operator dbq's filter uses. A workspace
    -- search among live jobs reads their few rows through the live partial indexes.
    IF to_regclass('dbq_job_workspace_idx') IS NOT NULL THEN
        DROP INDEX dbq_job_workspace_idx;
        CREATE INDEX dbq_job_workspace_idx
            ON dbq_job USING gin (workspace jsonb_path_ops)
            WHERE state IN ('COMPLETE', 'FAILED', 'CANCELLED');
    END IF;
END
$$;
