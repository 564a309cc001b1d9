-- The migration transaction's first statement: read committed, so that after waiting for the lock
-- each statement sees what the holder committed. Set on the transaction, never on the session
-- (Connection.setTransactionIsolation would send SET SESSION CHARACTERISTICS): behind a
-- transaction-pooling proxy a session setting lands on whichever server connection ran it and
-- leaks to other clients. Reads no table.
SET TRANSACTION ISOLATION LEVEL READ COMMITTED
