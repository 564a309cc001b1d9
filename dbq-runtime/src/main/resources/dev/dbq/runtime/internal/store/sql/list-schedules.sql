-- Every schedule with its latest fire time, the job that fire time enqueued (NULL when skipped)
-- and that job's state (NULL when skipped or deleted since), for `dbq schedules`. Reads every
-- dbq_schedule row (a handful) and, per schedule, its latest fire through the primary key index.
-- No parameters.
SELECT s.key, s.job_name, s.cron, s.zone, s.last_seen, f.fire_time, f.job_id, j.state
  FROM dbq_schedule s
  LEFT JOIN LATERAL (
        SELECT fire_time, job_id
          FROM dbq_schedule_fire
         WHERE schedule_key = s.key
         ORDER BY fire_time DESC
         LIMIT 1) f ON true
  LEFT JOIN dbq_job j ON j.id = f.job_id
 ORDER BY s.job_name, s.key
