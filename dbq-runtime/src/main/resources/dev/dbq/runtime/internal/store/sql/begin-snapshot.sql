-- A listing's transaction's first statement: one read-only, repeatable-read snapshot for all its
-- reads. Set on the transaction, never on the session (Connection.setTransactionIsolation would
-- send SET SESSION CHARACTERISTICS): behind a transaction-pooling proxy a session setting lands on
-- whichever server connection ran it, and leaks to other clients' transactions. Reads no table.
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY
