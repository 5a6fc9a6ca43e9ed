-- Guided changes ("disconnect, update, reconnect"): one row per run and one per step, so that a run survives a
-- restart of the console and shows where it stands. Secrets (KeyStorePassword, RawSecretAccessKey) are never
-- written here: change_json holds the non-secret members only, and secret_needed says that the update step
-- needs a secret the console keeps in memory for the run's lifetime.
create table guided_change_run (
    id                           varchar(36)              not null primary key,
    store_id                     varchar(64)              not null,
    store_name                   varchar(256)             not null,
    store_type                   varchar(32)              not null,
    run_mode                     varchar(32)              not null,
    status                       varchar(32)              not null,
    change_json                  varchar(4000)            not null,
    secret_needed                boolean                  not null,
    settings_fingerprint         varchar(64)              not null,
    started_by                   varchar(64)              not null,
    reason                       varchar(256),
    -- Points of no return, each set in one conditional update that also checks the other side's request, so
    -- that a cancel (or "leave disconnected") and the runner can never both win.
    cancel_requested             boolean                  not null,
    update_started               boolean                  not null,
    leave_disconnected_requested boolean                  not null,
    connect_started              boolean                  not null,
    outcome                      varchar(2000),
    next_action                  varchar(32),
    created_at                   timestamp with time zone not null,
    updated_at                   timestamp with time zone not null,
    finished_at                  timestamp with time zone,
    -- The console instance driving the run, until when (renewed every step; another instance takes over an
    -- expired lease, so exactly one instance drives a run at a time).
    lease_owner                  varchar(64),
    lease_until                  timestamp with time zone
);

create index guided_change_run_by_store on guided_change_run (store_id, created_at);
create index guided_change_run_by_status on guided_change_run (status, lease_until);

create table guided_change_step (
    run_id      varchar(36)              not null references guided_change_run (id),
    step_order  integer                  not null,
    step        varchar(32)              not null,
    status      varchar(16)              not null,
    started_at  timestamp with time zone,
    finished_at timestamp with time zone,
    attempts    integer                  not null,
    detail      varchar(2000),
    primary key (run_id, step_order)
);

-- One change at a time per key store, across console instances: a guided change holds its store's row from
-- the transaction that creates the run to the one that ends it; a plain edit holds it while it is applied
-- (run_id null). The primary key refuses a second holder.
create table active_store_lock (
    store_id    varchar(64)              not null primary key,
    run_id      varchar(36),
    holder      varchar(64)              not null,
    acquired_at timestamp with time zone not null
);
