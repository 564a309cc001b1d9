-- Counts the jobs of each state, for Dbq.countByState: a scan of the whole table, by design (an
-- operator's look, not a hot path; no index serves it). Read-only: fences nothing.
SELECT state, count(*) FROM dbq_job GROUP BY state
