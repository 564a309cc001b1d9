-- Serialises migrations: a transaction-scoped advisory lock (Migrator.LOCK_KEY), released at the
-- migration's commit or rollback, so that processes that start together apply the scripts once.
-- parameters: :key
SELECT pg_advisory_xact_lock(:key)
