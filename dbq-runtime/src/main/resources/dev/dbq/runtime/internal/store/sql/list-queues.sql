-- Every queue that has jobs or a row in dbq_queue (or only :queue, when it is not null), with its
-- jobs counted by state, the age of its oldest runnable waiting job in milliseconds, and its
-- paused flag and concurrency limit: one row per queue and state, and one with a null state for
-- a queue that has a row but no jobs. A runnable waiting job (NEW or READY, run_after null or
-- past) has waited since the later of its last change and its run_after.
-- An operator's look, not a hot path: the counts read the whole table (or, for one queue, its
-- rows); no index serves finished jobs. Read-only: locks and fences nothing.
-- parameters: :queue (null for every queue)
WITH counted AS (
    SELECT j.queue_name, j.state, count(*) AS jobs,
           min(greatest(j.modified, j.run_after))
               FILTER (WHERE j.state IN ('NEW', 'READY')
                         AND (j.run_after IS NULL OR j.run_after <= now())) AS waiting_since
      FROM dbq_job j
     WHERE :queue::text IS NULL OR j.queue_name = :queue::text
     GROUP BY j.queue_name, j.state
),
configured AS (
    SELECT q.name, q.paused, q.concurrency_limit
      FROM dbq_queue q
     WHERE :queue::text IS NULL OR q.name = :queue::text
)
SELECT coalesce(c.queue_name, q.name) AS queue_name,
       coalesce(q.paused, false) AS paused,
       q.concurrency_limit,
       c.state,
       coalesce(c.jobs, 0) AS jobs,
       -- null when nothing waits (greatest alone would turn null into 0); 0 for a wait that began
       -- after this statement's now() (a clock_timestamp() modified)
       CASE WHEN c.waiting_since IS NOT NULL
            THEN greatest(0, (extract(epoch FROM now() - c.waiting_since) * 1000)::bigint)
       END AS waiting_millis
  FROM counted c
  FULL JOIN configured q ON q.name = c.queue_name
 ORDER BY 1, 4
