-- dbq schema, version 1: the job table.
-- Plain SQL so that teams who run migrations with Flyway or Liquibase can apply it themselves.

CREATE TABLE IF NOT EXISTS dbq_job (
    id            uuid        PRIMARY KEY,
    -- insertion order: "oldest first" must hold also for jobs inserted in one transaction,
    -- where created (now()) would tie
    seq           bigint      GENERATED ALWAYS AS IDENTITY,
    created       timestamptz NOT NULL DEFAULT clock_timestamp(),
    modified      timestamptz NOT NULL DEFAULT clock_timestamp(),
    name          text        NOT NULL,
    state         text        NOT NULL DEFAULT 'NEW'
                  CHECK (state IN ('NEW', 'READY', 'PROCESSING', 'STOPPING', 'COMPLETE', 'FAILED')),
    next_step     integer     NOT NULL DEFAULT 0 CHECK (next_step >= 0),
    workspace     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    queue_name    text        NOT NULL,
    priority      smallint    NOT NULL DEFAULT 0,
    run_after     timestamptz NULL,
    -- attempts made at next_step; reset when a step succeeds
    attempt       integer     NOT NULL DEFAULT 0,
    last_error    text        NULL,
    -- the claim: which worker holds the job, a token unique to this claim (fences late results),
    -- and until when (database clock)
    lock_owner    text        NULL,
    claim_id      uuid        NULL,
    lease_expires timestamptz NULL
);

-- serves the claim: waiting jobs of one queue, highest priority first, then oldest
CREATE INDEX IF NOT EXISTS dbq_job_claim_idx
    ON dbq_job (queue_name, priority DESC, seq)
    WHERE state IN ('NEW', 'READY');

-- serves lease rescue: jobs held by a worker
CREATE INDEX IF NOT EXISTS dbq_job_lease_idx
    ON dbq_job (lease_expires)
    WHERE state IN ('PROCESSING', 'STOPPING');

-- serves delete-old-jobs
CREATE INDEX IF NOT EXISTS dbq_job_created_idx ON dbq_job (created);
