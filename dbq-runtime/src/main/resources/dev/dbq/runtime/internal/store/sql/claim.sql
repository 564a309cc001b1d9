-- Claims up to :limit waiting jobs for one worker, highest priority first, then oldest.
-- Each queue is searched by its own index-ordered scan of dbq_job_claim_idx (queue_name,
-- priority DESC, seq); the outer ORDER BY merges the per-queue heads, so the order is global even
-- when a worker serves several queues. SKIP LOCKED sits inside the per-queue scan so that rows other
-- workers hold never count against the limit.
-- The update finds the candidates through the primary key (= ANY of an array) rather than a join,
-- so that no plan, custom or generic, ever scans the table.
-- The claim is fenced by the states it expects (NEW, READY) and SKIP LOCKED; it starts a new claim
-- id that every later statement of the job's run names.
-- It also returns the job's age and the time since it became runnable (the later of created and
-- run_after), in microseconds on the database clock, for the worker's events (start delay, age).
-- parameters: :queues, :names the job names of the catalog, :limit, :worker_id the lock owner,
-- :lease_millis
WITH candidate AS (
    SELECT waiting.id, waiting.priority, waiting.seq
    FROM unnest(:queues::text[]) AS q(queue_name)
    CROSS JOIN LATERAL (
        SELECT j.id, j.priority, j.seq
        FROM dbq_job j
        WHERE j.queue_name = q.queue_name
          AND j.state IN ('NEW', 'READY')
          AND (j.run_after IS NULL OR j.run_after <= now())
          AND j.name = ANY(:names::text[])
        ORDER BY j.priority DESC, j.seq
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
    ) AS waiting
    ORDER BY waiting.priority DESC, waiting.seq
    LIMIT :limit
)
UPDATE dbq_job AS j
SET state         = 'PROCESSING',
    lock_owner    = :worker_id,
    claim_id      = gen_random_uuid(),
    lease_expires = now() + :lease_millis * interval '1 millisecond',
    -- total over every integer the column allows: a row at 2147483647 (or negative) is claimed
    -- and failed alone by the lost-run bound, instead of failing every claim of its queue
    attempt       = least(greatest(j.attempt, 0), 2147483646) + 1,
    modified      = clock_timestamp()
WHERE j.id = ANY(ARRAY(SELECT id FROM candidate))
  AND j.state IN ('NEW', 'READY')
RETURNING j.id, j.name, j.queue_name, j.priority, j.seq, j.next_step, j.workspace::text,
          j.attempt, j.claim_id,
          greatest(0, (extract(epoch FROM now() - j.created) * 1000000))::bigint,
          greatest(0, (extract(epoch FROM now() - greatest(j.created, j.run_after)) * 1000000))::bigint
