-- the application's own migration, run by Flyway before dbq migrates
CREATE TABLE app_order (id bigint PRIMARY KEY, customer text NOT NULL);
