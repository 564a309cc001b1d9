-- The wake-up listener's subscription to the enqueue notifications (payload: the queue name).
-- LISTEN takes no parameters: :channel is written in when the statement is loaded, from
-- Notifications.CHANNEL. Reads no table (no index), fences nothing.
LISTEN :channel
