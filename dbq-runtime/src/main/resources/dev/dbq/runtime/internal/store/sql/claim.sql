-- Claims up to :limit waiting jobs for one worker, highest priority first, then oldest.
-- Each queue is searched by its own index-ordered scan of dbq_job_claim_idx (queue_name,
-- priority DESC, seq); the outer ORDER BY merges the per-queue heads, so the order is global even
-- when a worker serves several queues. SKIP LOCKED sits inside the per-queue scan so that rows other
-- workers hold never count against the limit.
-- Queues as objects (dbq_queue, read by its primary key): a paused queue is not scanned at all; a
-- queue with a concurrency limit gets the room dbq_queue_room leaves it (it locks the queue's
-- row, so the claims of a limited queue take turns, and counts the queue's running jobs after the
-- lock), and at most :slots, the worker's idle slots, so that a worker never holds capacity of a
-- limited queue in a prefetch it cannot start. A queue without a row, or with a row that neither
-- pauses nor limits it, takes no lock. :queues comes sorted, so limited rows are always locked in
-- the same order.
-- The update finds the candidates through the primary key (= ANY of an array) rather than a join,
-- so that no plan, custom or generic, ever scans the table.
-- The claim is fenced by the states it expects (NEW, READY) and SKIP LOCKED; it starts a new claim
-- id that every later statement of the job's run names.
-- It also returns the job's age and the time since it became runnable (the later of created and
-- run_after), in microseconds on the database clock, for the worker's events (start delay, age),
-- and the trace context stored at the enqueue (NULL unless a tracing module stored one).
-- parameters: :queues (sorted), :names the job names of the catalog, :limit, :slots, :worker_id
-- the lock owner, :lease_millis
WITH queue AS (
    SELECT q.queue_name,
           CASE WHEN cfg.name IS NULL
                  OR (NOT cfg.paused AND cfg.concurrency_limit IS NULL) THEN :limit::integer
                WHEN cfg.paused OR least(:limit::integer, :slots::integer) <= 0 THEN 0
                ELSE dbq_queue_room(q.queue_name, least(:limit::integer, :slots::integer))
           END AS room
    FROM unnest(:queues::text[]) WITH ORDINALITY AS q(queue_name, ord)
    LEFT JOIN dbq_queue cfg ON cfg.name = q.queue_name
    ORDER BY q.ord
),
candidate AS (
    SELECT waiting.id, waiting.priority, waiting.seq
    FROM queue AS q
    CROSS JOIN LATERAL (
        SELECT j.id, j.priority, j.seq
        FROM dbq_job j
        WHERE j.queue_name = q.queue_name
          AND j.state IN ('NEW', 'READY')
          AND (j.run_after IS NULL OR j.run_after <= now())
          AND j.name = ANY(:names::text[])
        ORDER BY j.priority DESC, j.seq
        LIMIT q.room
        FOR UPDATE SKIP LOCKED
    ) AS waiting
    WHERE q.room > 0
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
          greatest(0, (extract(epoch FROM now() - greatest(j.created, j.run_after)) * 1000000))::bigint,
          j.trace_context::text
