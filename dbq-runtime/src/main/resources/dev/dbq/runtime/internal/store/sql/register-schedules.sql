-- Registers this worker's schedules (one array element each) and returns, for each, when it was
-- first registered, its latest recorded fire time (NULL before the first) and the database clock,
-- which every worker uses so that their fire times agree. The upsert touches only the schedule's
-- own row (primary key); the latest fire time is read from dbq_schedule_fire's primary key index.
-- parameters: :keys, :job_names, :crons, :zones
WITH registered AS (
    INSERT INTO dbq_schedule (key, job_name, cron, zone)
    SELECT s.key, s.job_name, s.cron, s.zone
      FROM unnest(:keys::text[], :job_names::text[], :crons::text[], :zones::text[])
           AS s(key, job_name, cron, zone)
    ON CONFLICT (key) DO UPDATE SET last_seen = clock_timestamp()
    RETURNING key, created
)
SELECT r.key, r.created,
       (SELECT max(f.fire_time) FROM dbq_schedule_fire f WHERE f.schedule_key = r.key),
       clock_timestamp()
  FROM registered r
