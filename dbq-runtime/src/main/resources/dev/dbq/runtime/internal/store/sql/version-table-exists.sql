-- Whether dbq_schema_version exists, asked before creating it: CREATE ... IF NOT EXISTS still
-- needs the CREATE right on the schema, which a worker's user may lack. Reads the catalog only (no index
-- of dbq's), fences nothing.
SELECT to_regclass('dbq_schema_version') IS NOT NULL
