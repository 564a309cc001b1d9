-- Inserts many jobs in one statement, in array order (so seq, the "oldest first" of the claim,
-- follows it). A job's run_after is the instant given, or now plus its delay on the database clock
-- (clock_timestamp(), so that a delay counts from the insert itself).
-- With :notify it then sends one notification per distinct queue on :channel, delivered when the
-- transaction commits; without, the caller notifies later (see Notifier). Reads no row (no index
-- serves it); fences nothing: the rows are new, and the primary key refuses an id used before.
-- parameters, one array element per job: :ids, :names, :queues, :priorities, :workspaces,
-- :run_afters (instants as text, or null), :delays_us (microseconds, or null), :trace_contexts
-- (JSON objects as text, or null; the whole array is NULL when no job has one, and unnest pads it
-- with NULLs); then :notify and :channel
WITH inserted AS (
    INSERT INTO dbq_job (id, name, queue_name, priority, workspace, run_after, trace_context)
    SELECT j.id, j.name, j.queue_name, j.priority, j.workspace::jsonb,
           coalesce(j.run_after, clock_timestamp() + j.delay_us * interval '1 microsecond'),
           j.trace_context::jsonb
      FROM unnest(:ids::uuid[], :names::text[], :queues::text[], :priorities::smallint[],
                  :workspaces::text[], :run_afters::timestamptz[], :delays_us::bigint[],
                  :trace_contexts::text[])
           WITH ORDINALITY AS j(id, name, queue_name, priority, workspace, run_after,
                                delay_us, trace_context, ord)
     ORDER BY j.ord
    RETURNING queue_name
)
SELECT pg_notify(:channel, q.queue_name)
  FROM (SELECT DISTINCT queue_name FROM inserted) AS q
 WHERE :notify
