-- Counts the jobs of each state, for Dbq.countByState: an operator's look, not a hot path. Each
-- StateGroup is counted by a part of its own, whose constant state list proves that group's
-- partial index: the finished jobs (most of a long-lived table) by an index-only scan of
-- dbq_job_state_queue_idx WHERE state IN ('COMPLETE', 'FAILED', 'CANCELLED'), the waiting ones
-- through dbq_job_claim_idx, the running ones through dbq_job_lease_idx (both partial on their
-- states, so they hold the live jobs alone). A single GROUP BY over every state would read the
-- whole table. Read-only: fences nothing.
SELECT state, count(*) FROM dbq_job WHERE state IN ('NEW', 'READY') GROUP BY state
UNION ALL
SELECT state, count(*) FROM dbq_job WHERE state IN ('PROCESSING', 'STOPPING') GROUP BY state
UNION ALL
SELECT state, count(*) FROM dbq_job WHERE state IN ('COMPLETE', 'FAILED', 'CANCELLED')
 GROUP BY state
