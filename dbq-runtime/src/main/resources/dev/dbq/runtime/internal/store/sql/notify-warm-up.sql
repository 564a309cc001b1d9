-- One notification the wake-up listener sends itself right after LISTEN, so that the receiving
-- path is linked before the first real one arrives. The payload is in no queue (the name breaks
-- the naming rule), so every worker ignores it. :channel is written in at load, from
-- Notifications.CHANNEL. Reads no table (no index), fences nothing.
NOTIFY :channel, 'dbq warm-up'
