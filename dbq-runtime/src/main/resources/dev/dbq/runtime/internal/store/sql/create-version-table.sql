-- The record of the migrations applied, one row per script (see Migrator); created by the first
-- migrate, under the migration lock (the fence). Its primary key on version is the only index.
CREATE TABLE IF NOT EXISTS dbq_schema_version (
    version      integer     PRIMARY KEY,
    description  text        NOT NULL,
    script       text        NOT NULL,
    installed_on timestamptz NOT NULL DEFAULT now()
)
