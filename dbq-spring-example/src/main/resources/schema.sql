-- the example's own data: one row per order, moved on by the fulfilment job's steps
CREATE TABLE IF NOT EXISTS shop_order (
    id       uuid    PRIMARY KEY,
    customer text    NOT NULL,
    items    integer NOT NULL CHECK (items > 0),
    status   text    NOT NULL,
    job_id   uuid    NULL
);
