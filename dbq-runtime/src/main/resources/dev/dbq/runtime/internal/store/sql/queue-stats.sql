-- One look at every queue that holds unfinished jobs, for metrics (Dbq.queueStats): waiting jobs
-- runnable now, waiting jobs whose run_after is still ahead, jobs held by a worker (PROCESSING or
-- STOPPING), and the age of the oldest runnable one (since the later of created and run_after),
-- in seconds on the database clock. The unfinished rows are read in two parts, each with its
-- states written in, so that each reads its StateGroup's partial index (dbq_job_claim_idx for NEW
-- and READY, dbq_job_lease_idx for the held ones): one condition over the four states would prove
-- neither index's predicate and read the whole table, finished jobs and all. With many waiting
-- jobs the planner may still scan the table, which is why callers cache the answer. Read-only: it
-- locks nothing and fences nothing.
SELECT queue_name,
       count(*) FILTER (WHERE state IN ('NEW', 'READY')
                          AND (run_after IS NULL OR run_after <= now())) AS runnable,
       count(*) FILTER (WHERE state IN ('NEW', 'READY') AND run_after > now()) AS scheduled,
       count(*) FILTER (WHERE state IN ('PROCESSING', 'STOPPING')) AS held,
       coalesce(extract(epoch FROM now() - min(greatest(created, run_after))
                FILTER (WHERE state IN ('NEW', 'READY')
                          AND (run_after IS NULL OR run_after <= now()))), 0)::float8 AS oldest
  FROM (SELECT queue_name, state, created, run_after
          FROM dbq_job
         WHERE state IN ('NEW', 'READY')
        UNION ALL
        SELECT queue_name, state, created, run_after
          FROM dbq_job
         WHERE state IN ('PROCESSING', 'STOPPING')) AS live
 GROUP BY queue_name
 ORDER BY queue_name
