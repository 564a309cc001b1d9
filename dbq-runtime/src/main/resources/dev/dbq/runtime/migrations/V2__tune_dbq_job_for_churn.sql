-- dbq schema, version 2: keep the queue table fast under sustained churn.
-- Every job leaves at least three dead row versions (claim, save, and one per lease renewal or
-- further step): no update can be HOT, since state is in the partial indexes' predicates.
-- Claimed rows leave dead entries at the head of dbq_job_claim_idx that every claim must step
-- over until a vacuum removes them; the default thresholds (20 % of the table, history included)
-- would let them pile up for a long time. Vacuum and analyze after a fixed, small number of
-- changes instead, without cost-based throttling, so that autovacuum keeps up whenever it visits
-- (the worker also vacuums after every DbqWorker.DEFAULT_VACUUM_EVERY claims: autovacuum visits
-- a database at most once per autovacuum_naptime, a minute by default).
ALTER TABLE dbq_job SET (
    autovacuum_vacuum_scale_factor = 0.0,
    autovacuum_vacuum_threshold = 5000,
    autovacuum_vacuum_insert_scale_factor = 0.0,
    autovacuum_vacuum_insert_threshold = 10000,
    autovacuum_analyze_scale_factor = 0.0,
    autovacuum_analyze_threshold = 10000,
    autovacuum_vacuum_cost_delay = 0
);
