-- Sets a queue's concurrency limit (Queues.limit); a queue without a row gets one. The claim
-- (claim.sql) then keeps the queue's PROCESSING and STOPPING jobs at most :concurrency_limit
-- across every worker, for claims that start after this commits; running jobs over a lowered
-- limit are not stopped. Then notifies :channel (payload: the queue name), delivered on commit:
-- a raised limit leaves room that idle workers should fill at once. Through the primary key of
-- dbq_queue; writes only the limit, so it fences nothing (the CHECK constraint refuses a limit
-- below 1).
-- parameters: :queue, :concurrency_limit, :channel
WITH changed AS (
    INSERT INTO dbq_queue (name, concurrency_limit)
    VALUES (:queue, :concurrency_limit)
        ON CONFLICT (name) DO UPDATE
       SET concurrency_limit = EXCLUDED.concurrency_limit,
           modified          = clock_timestamp()
    RETURNING name
)
SELECT pg_notify(:channel, name)
  FROM changed
