-- KMS sandbox state (only in sandbox mode; history table sandbox_schema_history, separate from the console's).
-- Plain SQL that runs on H2 and PostgreSQL. Times are epoch milliseconds.

-- One row per Region that has been used: mutating operations lock it (select ... for update), which makes
-- every operation atomic and serialises the cross-store rules (uniqueness, quota) across console instances.
create table sandbox_kms_region (
    region varchar(32) primary key
);

create table sandbox_kms_custom_key_store (
    id                              varchar(64)  primary key,
    region                          varchar(32)  not null,
    name                            varchar(1024) not null,
    store_type                      varchar(32)  not null,
    connection_state                varchar(16)  not null,
    connection_error_code           varchar(64),
    pending_state                   varchar(16),
    pending_error_code              varchar(64),
    settle_at_millis                bigint,
    creation_millis                 bigint       not null,
    cloudhsm_cluster_id             varchar(64),
    trust_anchor_certificate        varchar(20000),
    -- Secrets the sandbox needs as KMS's stand-in; never returned, never logged.
    key_store_password              varchar(128),
    xks_connectivity                varchar(32),
    xks_uri_endpoint                varchar(512),
    xks_uri_path                    varchar(512),
    xks_vpc_endpoint_service_name   varchar(256),
    xks_vpc_endpoint_service_owner  varchar(12),
    xks_access_key_id               varchar(128),
    xks_raw_secret_access_key       varchar(256),
    version                         bigint       not null,
    constraint uq_sandbox_kms_store_name unique (region, name)
);

create index ix_sandbox_kms_store_region on sandbox_kms_custom_key_store (region, creation_millis, id);

-- Sandbox-wide values: the marker signing key, the seed marker.
create table sandbox_kms_setting (
    name          varchar(64)  primary key,
    setting_value varchar(512) not null
);
