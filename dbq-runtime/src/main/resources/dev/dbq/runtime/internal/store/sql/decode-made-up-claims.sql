-- Makes up :rows rows shaped like the claim's RETURNING (same columns, same types), so that the
-- worker's warm-up links the driver's row decoding before the first real claim (WorkerWarmUp).
-- Reads no table (no index), fences nothing.
-- parameters: :rows
SELECT gen_random_uuid(), 'dbq_worker_warm_up', 'dbq warm-up', 0, i::bigint, 0,
       '{"warm":1}'::jsonb::text, 1, gen_random_uuid(),
       0::bigint, 0::bigint, '{"traceparent":"warm"}'::jsonb::text
  FROM generate_series(1, :rows) AS i
