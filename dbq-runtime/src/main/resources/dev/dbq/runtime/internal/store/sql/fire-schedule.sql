-- Fires one fire time of a schedule: records it and enqueues its job in one statement, so a fire
-- time is either recorded with its job or not at all. The primary key (schedule_key, fire_time)
-- fences it: a second worker firing the same time waits for the first to commit, then inserts
-- nothing (ON CONFLICT DO NOTHING), so no job is enqueued twice. With :skip_overlap the time is
-- recorded with no job while a job the schedule enqueued before is still NEW, READY, PROCESSING
-- or STOPPING (dbq_schedule_fire's primary key serves the look-up, dbq_job's primary key the
-- join). Then a notification for the job's queue, delivered at commit.
-- parameters: :key, :fire_time (an instant as text), :skip_overlap, :job_id, :name, :queue,
-- :priority, :workspace, :channel; returns one row per enqueued job (none when skipped or fired)
WITH previous AS (
    SELECT EXISTS (
        SELECT 1
          FROM dbq_schedule_fire f
          JOIN dbq_job j ON j.id = f.job_id
         WHERE f.schedule_key = :key
           AND j.state IN ('NEW', 'READY', 'PROCESSING', 'STOPPING')) AS running
), fire AS (
    INSERT INTO dbq_schedule_fire (schedule_key, fire_time, job_id)
    SELECT :key, :fire_time::timestamptz,
           CASE WHEN :skip_overlap AND p.running THEN NULL ELSE :job_id::uuid END
      FROM previous p
    ON CONFLICT (schedule_key, fire_time) DO NOTHING
    RETURNING job_id
), inserted AS (
    INSERT INTO dbq_job (id, name, queue_name, priority, workspace)
    SELECT f.job_id, :name, :queue, :priority::smallint, :workspace::jsonb
      FROM fire f
     WHERE f.job_id IS NOT NULL
    RETURNING id, queue_name
)
SELECT i.id, pg_notify(:channel, i.queue_name)
  FROM inserted i
