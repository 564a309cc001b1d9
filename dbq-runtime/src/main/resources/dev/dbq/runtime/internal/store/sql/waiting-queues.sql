-- The queues that have waiting jobs (NEW or READY), in name order, for list-waiting-jobs.sql, which
-- merges one ordered scan per queue. A skip scan of dbq_job_claim_idx (queue_name first, partial on
-- NEW and READY): each step seeks to the first queue name after the last, one probe per queue
-- however many jobs each holds, where a DISTINCT would read every waiting job's entry. Its own
-- statement, not a CTE of the page's: the page is then planned with the queues as a constant array
-- whose length the planner knows (a recursive CTE is estimated at a hundred rows, which makes the
-- page look costly enough to be JIT-compiled, 10 ms for nothing). JobListing runs both in one
-- snapshot. Read-only: it locks nothing and fences nothing.
WITH RECURSIVE queues (name) AS (
    SELECT min(w.queue_name) FROM dbq_job w WHERE w.state IN ('NEW', 'READY')
    UNION ALL
    SELECT (SELECT min(w.queue_name)
              FROM dbq_job w
             WHERE w.state IN ('NEW', 'READY') AND w.queue_name > q.name)
      FROM queues q
     WHERE q.name IS NOT NULL
)
SELECT name FROM queues WHERE name IS NOT NULL
