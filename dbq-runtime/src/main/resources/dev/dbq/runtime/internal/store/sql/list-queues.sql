-- Every queue that has jobs or a row in dbq_queue (or only :queue, when it is not null), with its
-- jobs counted by state, the age of its oldest runnable waiting job in milliseconds, and its
-- paused flag and concurrency limit: one row per queue and state, and one with a null state for
-- a queue that has a row but no jobs. A runnable waiting job (NEW or READY, run_after null or
-- past) has waited since the later of its last change and its run_after.
-- An operator's look, not a hot path, but it must stay quick on a table of a million finished
-- jobs: the counts are made per StateGroup, each part with its states written in, so that each
-- reads its group's partial index. The finished jobs (most of the table) by an index-only scan of
-- dbq_job_state_queue_idx (state, queue_name) WHERE state IN ('COMPLETE', 'FAILED', 'CANCELLED'),
-- a few bytes per job; the waiting ones through dbq_job_claim_idx (queue_name first) WHERE state IN
-- ('NEW', 'READY'), the running ones through dbq_job_lease_idx WHERE state IN ('PROCESSING',
-- 'STOPPING'): the live jobs alone. One GROUP BY over every state would read the whole table. Run
-- unprepared, so a null :queue folds away. Read-only: locks and fences nothing.
-- parameters: :queue (null for every queue)
WITH counted AS (
    SELECT j.queue_name, j.state, count(*) AS jobs, NULL::timestamptz AS waiting_since
      FROM dbq_job j
     WHERE j.state IN ('COMPLETE', 'FAILED', 'CANCELLED')
       AND (:queue::text IS NULL OR j.queue_name = :queue::text)
     GROUP BY j.queue_name, j.state
    UNION ALL
    SELECT j.queue_name, j.state, count(*),
           min(greatest(j.modified, j.run_after))
               FILTER (WHERE j.run_after IS NULL OR j.run_after <= now())
      FROM dbq_job j
     WHERE j.state IN ('NEW', 'READY')
       AND (:queue::text IS NULL OR j.queue_name = :queue::text)
     GROUP BY j.queue_name, j.state
    UNION ALL
    SELECT j.queue_name, j.state, count(*), NULL::timestamptz
      FROM dbq_job j
     WHERE j.state IN ('PROCESSING', 'STOPPING')
       AND (:queue::text IS NULL OR j.queue_name = :queue::text)
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
