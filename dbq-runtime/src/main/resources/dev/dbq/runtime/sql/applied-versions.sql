-- The versions already applied, read under the migration lock. Changes nothing.
SELECT version FROM dbq_schema_version
