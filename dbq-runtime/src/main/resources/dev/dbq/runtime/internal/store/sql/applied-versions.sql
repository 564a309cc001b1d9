-- The versions already applied, read under the migration lock (the fence); a scan of a table of a
-- few rows.
SELECT version FROM dbq_schema_version
