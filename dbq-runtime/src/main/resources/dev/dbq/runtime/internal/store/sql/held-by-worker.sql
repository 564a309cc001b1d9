-- The jobs each worker holds now (PROCESSING or STOPPING), for Dbq.recentActivity's workers seen:
-- the held states are dbq_job_lease_idx's predicate, so the scan reads only held jobs. Read-only.
SELECT lock_owner, count(*)
  FROM dbq_job
 WHERE state IN ('PROCESSING', 'STOPPING') AND lock_owner IS NOT NULL
 GROUP BY lock_owner
