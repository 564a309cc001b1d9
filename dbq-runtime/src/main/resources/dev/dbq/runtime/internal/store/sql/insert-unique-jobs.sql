-- Inserts many jobs in one statement, in array order, like insert-jobs.sql, for a batch that holds
-- unique jobs (@Unique): a unique job whose key a job in one of its refusing states already holds
-- is not inserted, and is not returned. The conflict target names the partial index
-- dbq_job_unique_idx by its column and predicate (V6), so that a conflict on any other constraint
-- (the primary key) still fails. Under concurrency, ON CONFLICT waits for an inserter of the same
-- key that has not committed yet: when it commits this row is skipped, when it rolls back this row
-- goes in. Which job holds a skipped key is read by the next statement (find-unique-holders.sql),
-- whose snapshot sees that commit; this one's does not.
-- The batch holds each key at most once (UniqueInsert keeps the first of a key and answers the
-- others with it), so no row conflicts with another of the same statement.
-- With :notify it notifies once per queue of an inserted job (PostgreSQL folds identical
-- notifications of a transaction), delivered on commit.
-- parameters, one array element per job: :ids, :names, :queues, :priorities, :workspaces,
-- :run_afters (instants as text, or null), :delays_us (microseconds, or null), :unique_keys (hex,
-- or null), :unique_states (comma-separated, or null), :trace_contexts (as insert-jobs.sql's);
-- then :notify and :channel
WITH inserted AS (
    INSERT INTO dbq_job (id, name, queue_name, priority, workspace, run_after, unique_key,
                         unique_states, trace_context)
    SELECT j.id, j.name, j.queue_name, j.priority, j.workspace::jsonb,
           coalesce(j.run_after, clock_timestamp() + j.delay_us * interval '1 microsecond'),
           decode(j.unique_key, 'hex'), string_to_array(j.unique_states, ','),
           j.trace_context::jsonb
      FROM unnest(:ids::uuid[], :names::text[], :queues::text[], :priorities::smallint[],
                  :workspaces::text[], :run_afters::timestamptz[], :delays_us::bigint[],
                  :unique_keys::text[], :unique_states::text[], :trace_contexts::text[])
           WITH ORDINALITY AS j(id, name, queue_name, priority, workspace, run_after,
                                delay_us, unique_key, unique_states, trace_context, ord)
     ORDER BY j.ord
        ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state = ANY (unique_states)
        DO NOTHING
    RETURNING id, queue_name
)
SELECT id, CASE WHEN :notify THEN pg_notify(:channel, queue_name)::text END
  FROM inserted
