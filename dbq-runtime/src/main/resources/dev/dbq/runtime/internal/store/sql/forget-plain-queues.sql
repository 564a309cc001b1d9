-- Deletes the rows of the named queues that neither pause nor limit them any more (after a resume
-- or a removed limit, in the same transaction): a queue without a row is running and unlimited,
-- so rows stay only for queues an operator configured, and `dbq queues` does not list a queue
-- forever because it was paused once. Run as a statement of its own after the change, so that its
-- snapshot sees the row as the change (and any operator before it) left it. Through the primary
-- key of dbq_queue; fenced by the settings it expects (not paused, no limit).
-- parameters: :queues
DELETE FROM dbq_queue
 WHERE name = ANY(:queues::text[])
   AND NOT paused
   AND concurrency_limit IS NULL
