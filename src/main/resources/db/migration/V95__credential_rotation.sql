-- Credential rotations of external key stores (issue 18): one row per run, one per thing that happened in it,
-- so that a run survives a restart of the console and shows where it stands. The new secret access key is
-- held only envelope-encrypted (sealed_*: AES-256-GCM under the monitoring credentials' key-encryption key,
-- bound to the run and the access key ID), and cleared when the run ends. No secret is ever stored readable.
create table credential_rotation_run (
    id                    varchar(36)              not null primary key,
    account_id            varchar(12)              not null,
    region                varchar(32)              not null,
    store_id              varchar(64)              not null,
    store_name            varchar(256)             not null,
    -- account|region|store while the run is active, null once it has ended: one active run per store.
    active_store          varchar(128)             unique,
    status                varchar(32)              not null,
    started_by            varchar(64)              not null,
    reason                varchar(256),
    generated             boolean                  not null,
    new_access_key_id     varchar(30)              not null,
    old_access_key_id     varchar(30)              not null,
    uri_endpoint          varchar(256)             not null,
    uri_path              varchar(128)             not null,
    connectivity          varchar(32),
    vpc_service_name      varchar(64),
    settings_fingerprint  varchar(64)              not null,
    -- HMAC-SHA-256 (console.audit.fingerprint-key) of the new secret: to recognise it when it is given again.
    secret_fingerprint    varchar(128)             not null,
    state_at_start        varchar(32)              not null,
    sealed_data_key       varchar(2048),
    sealed_kek_id         varchar(64),
    sealed_iv             varchar(32),
    sealed_ciphertext     varchar(256),
    -- Points of no return, each set in one conditional update that also checks the other side's request.
    file_delivered        boolean                  not null,
    cancel_requested      boolean                  not null,
    update_started        boolean                  not null,
    installed_at          timestamp with time zone,
    prove_deadline        timestamp with time zone,
    proved_at             timestamp with time zone,
    updated_at_kms        timestamp with time zone,
    kms_request_id        varchar(64),
    soak_until            timestamp with time zone,
    retired_at            timestamp with time zone,
    old_refusal           varchar(32),
    last_check            varchar(1000),
    outcome               varchar(2000),
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null,
    finished_at           timestamp with time zone,
    lease_owner           varchar(64),
    lease_until           timestamp with time zone
);

create index credential_rotation_run_by_store on credential_rotation_run (store_id, created_at);
create index credential_rotation_run_by_status on credential_rotation_run (status, lease_until);

create table credential_rotation_event (
    run_id      varchar(36)              not null references credential_rotation_run (id),
    seq         integer                  not null,
    occurred_at timestamp with time zone not null,
    step        varchar(32)              not null,
    outcome     varchar(16)              not null,
    actor       varchar(64),
    detail      varchar(2000)            not null,
    primary key (run_id, seq)
);
