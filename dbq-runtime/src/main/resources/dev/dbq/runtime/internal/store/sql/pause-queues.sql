-- Pauses queues (Queues.pause): the claim (claim.sql) then takes no job of theirs, and what
-- workers already hold finishes. A queue without a row gets one. Through the primary key of
-- dbq_queue; writes only the flag of these rows, so it fences nothing. :queues comes sorted and
-- distinct: rows are locked in the claim's order, and an upsert may touch a row only once.
-- parameters: :queues
INSERT INTO dbq_queue (name, paused)
SELECT q.name, true
  FROM unnest(:queues::text[]) AS q(name)
    ON CONFLICT (name) DO UPDATE
   SET paused   = true,
       modified = clock_timestamp()
