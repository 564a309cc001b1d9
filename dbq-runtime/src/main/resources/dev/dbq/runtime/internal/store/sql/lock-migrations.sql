-- Serialises migrations: a transaction-scoped advisory lock (Migrator.LOCK_KEY), released at the
-- migration's commit or rollback, so that processes that start together apply the scripts once.
-- Reads no table (no index); the lock is the fence.
-- parameters: :key
SELECT pg_advisory_xact_lock(:key)
