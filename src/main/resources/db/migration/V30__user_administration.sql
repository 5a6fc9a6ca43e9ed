-- User administration: when an account was last changed, and sign-in throttling shared by every console
-- instance (so that a lock-out holds whichever instance the next attempt reaches).
alter table console_user add column updated_at timestamp with time zone;

-- One row per throttled key: 'user:<name>' (also for names that do not exist, so the answer never reveals
-- which users exist) and 'ip:<address>'.
create table sign_in_throttle (
    throttle_key      varchar(128)             not null primary key,
    failures          integer                  not null,
    last_failure_at   timestamp with time zone not null,
    not_before        timestamp with time zone,
    locked_until      timestamp with time zone
);
