-- Claims up to :limit waiting jobs for a worker that serves several queues, highest priority
-- first, then oldest, across all of them; claim.sql is the same claim for one queue.
-- Why a statement of its own: claim.sql's per-queue scans each lock up to the queue's room before
-- the outer sort keeps the best :limit of them all, so over N queues it locks up to N x :limit rows
-- (16 jobs claimed over 1,000 queues locked 16,000 rows, a WAL record each, and other workers'
-- claims had to skip them; see docs/scaling.md). Here nothing is locked until it is known how many
-- rows each queue gives to the best :limit, and reading rows costs no WAL and blocks no one:
-- 1. queue: each served queue's room, as in claim.sql (a paused queue gets none and is not
--    scanned; a limited queue's room comes from dbq_queue_room, which locks the queue's row, in
--    the sorted order of :queues so that two claims never deadlock; other queues take no lock).
-- 2. head: each queue's first waiting job (one index probe of dbq_job_claim_idx per queue), and
--    the :limit queues whose first jobs come first. No other queue can give a job to the best
--    :limit: the first jobs of those :limit queues all come before any of its jobs. The queue at
--    rank r can give at most :limit - r + 1 (the first jobs of the r - 1 queues before it come
--    before all of its jobs).
-- 3. peek: the best :limit candidates of those queues, unlocked: per queue the index-ordered scan
--    of claim.sql with LIMIT least(room, :limit - rank + 1), merged by ORDER BY ... LIMIT :limit.
--    So a claim reads one row per queue and at most :limit x (:limit + 1) / 2 more, instead of up
--    to room rows in every queue (1,000 queues: 16,000 rows read and locked before; now 1,000 heads
--    and at most 136 more, none locked).
-- 4. share: how many of those candidates each queue gives.
-- 5. candidate: for those queues only, the locking scan of claim.sql (FOR UPDATE SKIP LOCKED
--    inside the per-queue scan), limited to the queue's share. A peeked row that another claim
--    holds (an unlocked read cannot tell) is skipped and replaced by its queue's next waiting row,
--    as within one queue in claim.sql; a peeked row that another worker claimed and committed
--    meanwhile is re-checked by FOR UPDATE against its latest version and skipped too.
-- 6. more: only when those queues ran out of rows the others do not hold (the shortfall, 0 but
--    under contention; LIMIT 0 runs no scan), claim.sql's scan over every queue for the rest, within
--    each queue's remaining room, so that a claim never comes back short, or empty, while another
--    queue has free jobs (a worker draining until empty stops on an empty claim). Then it locks up
--    to the shortfall in each queue, as claim.sql does for the whole limit.
-- So without contention at most :limit rows are locked in all, in the order across queues of
-- claim.sql; under contention a replacement may rank below another queue's next row.
-- The update finds the candidates through the primary key (= ANY of an array) rather than a join,
-- so that no plan, custom or generic, ever scans the table; it is fenced by the states it expects
-- (NEW, READY) and starts a new claim id that every later statement of the job's run names.
-- It returns what claim.sql returns (the same columns in the same order): the job's age and the
-- time since it became runnable (the later of created and run_after), in microseconds on the
-- database clock, and the trace context stored at the enqueue.
-- parameters: :queues (sorted), :names the job names of the catalog, :limit, :slots, :worker_id
-- the lock owner, :lease_millis
WITH queue AS MATERIALIZED (
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
head AS (
    SELECT q.queue_name, q.room,
           row_number() OVER (ORDER BY first.priority DESC, first.seq) AS rank
    FROM queue AS q
    CROSS JOIN LATERAL (
        SELECT j.priority, j.seq
        FROM dbq_job j
        WHERE j.queue_name = q.queue_name
          AND j.state IN ('NEW', 'READY')
          AND (j.run_after IS NULL OR j.run_after <= now())
          AND j.name = ANY(:names::text[])
        ORDER BY j.priority DESC, j.seq
        LIMIT 1
    ) AS first
    WHERE q.room > 0
    ORDER BY first.priority DESC, first.seq
    LIMIT :limit
),
peek AS (
    SELECT h.queue_name, h.room
    FROM head AS h
    CROSS JOIN LATERAL (
        SELECT j.priority, j.seq
        FROM dbq_job j
        WHERE j.queue_name = h.queue_name
          AND j.state IN ('NEW', 'READY')
          AND (j.run_after IS NULL OR j.run_after <= now())
          AND j.name = ANY(:names::text[])
        ORDER BY j.priority DESC, j.seq
        LIMIT least(h.room, :limit::integer - h.rank + 1)
    ) AS waiting
    ORDER BY waiting.priority DESC, waiting.seq
    LIMIT :limit
),
share AS (
    SELECT p.queue_name, least(min(p.room), count(*)) AS take
    FROM peek AS p
    GROUP BY p.queue_name
),
candidate AS (
    SELECT waiting.id, s.queue_name
    FROM share AS s
    CROSS JOIN LATERAL (
        SELECT j.id
        FROM dbq_job j
        WHERE j.queue_name = s.queue_name
          AND j.state IN ('NEW', 'READY')
          AND (j.run_after IS NULL OR j.run_after <= now())
          AND j.name = ANY(:names::text[])
        ORDER BY j.priority DESC, j.seq
        LIMIT s.take
        FOR UPDATE SKIP LOCKED
    ) AS waiting
),
-- what the locking scans could not take because other claims hold the rows: 0 but under
-- contention, and then LIMIT 0 below runs no scan
shortfall AS (
    SELECT (SELECT count(*) FROM peek) - (SELECT count(*) FROM candidate) AS n
),
more AS (
    SELECT waiting.id
    FROM queue AS q
    CROSS JOIN LATERAL (
        SELECT j.id, j.priority, j.seq
        FROM dbq_job j
        WHERE j.queue_name = q.queue_name
          AND j.state IN ('NEW', 'READY')
          AND (j.run_after IS NULL OR j.run_after <= now())
          AND j.name = ANY(:names::text[])
          AND j.id <> ALL(ARRAY(SELECT c.id FROM candidate AS c))
        ORDER BY j.priority DESC, j.seq
        LIMIT least((SELECT n FROM shortfall),
                    q.room - (SELECT count(*) FROM candidate AS c
                              WHERE c.queue_name = q.queue_name))
        FOR UPDATE SKIP LOCKED
    ) AS waiting
    WHERE q.room > 0
    ORDER BY waiting.priority DESC, waiting.seq
    LIMIT (SELECT n FROM shortfall)
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
WHERE j.id = ANY(ARRAY(SELECT id FROM candidate UNION ALL SELECT id FROM more))
  AND j.state IN ('NEW', 'READY')
RETURNING j.id, j.name, j.queue_name, j.priority, j.seq, j.next_step, j.workspace::text,
          j.attempt, j.claim_id,
          greatest(0, (extract(epoch FROM now() - j.created) * 1000000))::bigint,
          greatest(0, (extract(epoch FROM now() - greatest(j.created, j.run_after)) * 1000000))::bigint,
          j.trace_context::text
