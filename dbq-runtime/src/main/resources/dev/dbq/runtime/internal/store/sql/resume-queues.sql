-- Resumes paused queues (Queues.resume), then notifies :channel once per queue (payload: the
-- queue name, as an enqueue does), delivered on commit, so that idle workers of those queues
-- claim within milliseconds instead of at their next poll. A queue without a row is running
-- already: nothing is inserted for it, and its notification is only a hint. Through the primary
-- key of dbq_queue; fenced by the flag it expects (paused). :queues comes sorted and distinct, so
-- rows are locked in the claim's order. forget-plain-queues.sql follows it in its transaction.
-- parameters: :queues, :channel
WITH resumed AS (
    UPDATE dbq_queue
       SET paused   = false,
           modified = clock_timestamp()
     WHERE name = ANY(:queues::text[])
       AND paused
    RETURNING name
)
SELECT pg_notify(:channel, q.name)
  FROM unnest(:queues::text[]) AS q(name)
