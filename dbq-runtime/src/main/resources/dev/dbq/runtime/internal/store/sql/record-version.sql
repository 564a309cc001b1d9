-- Records one applied migration script, in the migration's transaction, under the migration lock:
-- the primary key on version refuses a script recorded twice.
-- parameters: :version, :description, :script
INSERT INTO dbq_schema_version (version, description, script) VALUES (:version, :description, :script)
