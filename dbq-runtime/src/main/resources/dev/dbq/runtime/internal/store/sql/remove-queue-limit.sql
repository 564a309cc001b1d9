-- Removes a queue's concurrency limit (Queues.removeLimit), then notifies :channel (payload: the
-- queue name), delivered on commit, so that idle workers fill the room at once. A queue without a
-- row has no limit: nothing is inserted. Through the primary key of dbq_queue; writes only the
-- limit, so it fences nothing. forget-plain-queues.sql follows it in its transaction.
-- parameters: :queue, :channel
WITH changed AS (
    UPDATE dbq_queue
       SET concurrency_limit = NULL,
           modified          = clock_timestamp()
     WHERE name = :queue
    RETURNING name
)
SELECT pg_notify(:channel, :queue)
