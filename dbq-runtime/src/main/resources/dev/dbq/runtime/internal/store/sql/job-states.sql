-- The states of the jobs named by :ids, through the primary key, for reporting the jobs an action
-- left alone. Read-only: fences nothing.
-- parameters: :ids
SELECT id, state FROM dbq_job WHERE id = ANY(:ids::uuid[])
