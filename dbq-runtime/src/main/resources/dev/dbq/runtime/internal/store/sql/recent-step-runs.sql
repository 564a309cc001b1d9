-- The step runs that ended in the last :window_seconds (database clock), for Dbq.recentActivity:
-- per bucket of :bucket_seconds and outcome, per worker, and one row about the tail read. Only the
-- latest :max_runs rows by id are read (the primary key, backwards: rows are written as runs end),
-- so the cost is bounded on a history of any size; the 'tail' row's count and oldest end say
-- whether the window was read whole. No index on ended: one would cost every save of every worker.
-- Read-only: locks nothing, fences nothing.
WITH clock AS (
    SELECT now() AS until, now() - make_interval(secs => :window_seconds::float8) AS since
), tail AS MATERIALIZED (
    SELECT ended, outcome, worker FROM dbq_step_run ORDER BY id DESC LIMIT :max_runs
)
SELECT 'bucket' AS kind,
       floor(extract(epoch FROM t.ended - c.since) / :bucket_seconds::float8)::bigint AS bucket,
       t.outcome AS key, count(*) AS runs, NULL::timestamptz AS at, c.since, c.until
  FROM tail t, clock c
 WHERE t.ended >= c.since
 GROUP BY 2, 3, c.since, c.until
UNION ALL
SELECT 'worker', NULL, t.worker, count(*), max(t.ended), c.since, c.until
  FROM tail t, clock c
 WHERE t.ended >= c.since AND t.worker IS NOT NULL
 GROUP BY t.worker, c.since, c.until
UNION ALL
SELECT 'tail', NULL, NULL, count(*), min(t.ended), c.since, c.until
  FROM clock c LEFT JOIN tail t ON true
 GROUP BY c.since, c.until
