-- Sends one notification per queue on :channel (payload: the queue name), for enqueues that
-- committed without one (see Notifier). Reads no table and fences nothing: a notification is
-- only a hint to look, the claim decides.
-- parameters: :channel, :queues
SELECT pg_notify(:channel, q)
  FROM unnest(:queues::text[]) AS q
