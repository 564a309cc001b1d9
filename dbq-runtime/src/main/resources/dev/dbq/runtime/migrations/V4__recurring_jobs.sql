-- dbq schema, version 4: recurring jobs (#16). A schedule is a row that every worker whose catalog
-- declares it registers; each fire time is a row whose primary key (schedule, fire time) makes a
-- second firing of one fire time impossible, whichever worker tries it and however many do.

-- One row per schedule, keyed by "job cron zone" (RecurringSchedule.key): a changed expression or
-- zone is a new schedule. created bounds the first fire times (a new schedule never backfills to
-- before it existed); last_seen is when a worker last registered it.
CREATE TABLE IF NOT EXISTS dbq_schedule (
    key       text        PRIMARY KEY,
    job_name  text        NOT NULL,
    cron      text        NOT NULL,
    zone      text        NOT NULL,
    created   timestamptz NOT NULL DEFAULT clock_timestamp(),
    last_seen timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- One row per fire time that fired: the job it enqueued, or NULL when the overlap policy skipped
-- it. No foreign key to dbq_job: deleting old jobs keeps the record of the fire time.
CREATE TABLE IF NOT EXISTS dbq_schedule_fire (
    schedule_key text        NOT NULL REFERENCES dbq_schedule (key) ON DELETE CASCADE,
    fire_time    timestamptz NOT NULL,
    job_id       uuid        NULL,
    -- database clock
    fired        timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (schedule_key, fire_time)
);
