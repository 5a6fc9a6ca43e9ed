-- Several simulated accounts (docs/sandbox.md "Accounts, Regions and roles"): every account and Region is a world
-- of its own, with its own stores, names, quota and lock row. Stores of earlier versions belong to the sandbox's
-- default account (console.sandbox.account-id, passed in as a Flyway placeholder).

create table sandbox_kms_account_region (
    account_id varchar(12) not null,
    region     varchar(32) not null,
    constraint pk_sandbox_kms_account_region primary key (account_id, region)
);

-- The lock rows are created again on first use.
drop table sandbox_kms_region;

alter table sandbox_kms_custom_key_store rename to sandbox_kms_custom_key_store_v2;

create table sandbox_kms_custom_key_store (
    account_id                      varchar(12)  not null,
    id                              varchar(64)  not null,
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
    -- A store ID is unique within its account and Region only, so that two accounts may hold the same ID.
    constraint pk_sandbox_kms_store primary key (account_id, region, id),
    constraint uq_sandbox_kms_store_account_name unique (account_id, region, name)
);

create index ix_sandbox_kms_store_account_region
    on sandbox_kms_custom_key_store (account_id, region, creation_millis, id);

insert into sandbox_kms_custom_key_store (account_id, id, region, name, store_type, connection_state,
        connection_error_code, pending_state, pending_error_code, settle_at_millis, creation_millis,
        cloudhsm_cluster_id, trust_anchor_certificate, key_store_password, xks_connectivity, xks_uri_endpoint,
        xks_uri_path, xks_vpc_endpoint_service_name, xks_vpc_endpoint_service_owner, xks_access_key_id,
        xks_raw_secret_access_key, version)
    select '${default_account_id}', id, region, name, store_type, connection_state, connection_error_code,
        pending_state, pending_error_code, settle_at_millis, creation_millis, cloudhsm_cluster_id,
        trust_anchor_certificate, key_store_password, xks_connectivity, xks_uri_endpoint, xks_uri_path,
        xks_vpc_endpoint_service_name, xks_vpc_endpoint_service_owner, xks_access_key_id,
        xks_raw_secret_access_key, version
    from sandbox_kms_custom_key_store_v2;

drop table sandbox_kms_custom_key_store_v2;

-- Temporary credentials issued by the sandbox's STS AssumeRole: the KMS endpoint accepts them for the role's
-- account until the expiration. Fake credentials of a local simulation; the secret is never logged.
create table sandbox_sts_session (
    access_key_id      varchar(32)   primary key,
    secret_access_key  varchar(64)   not null,
    session_token      varchar(512)  not null,
    account_id         varchar(12)   not null,
    assumed_role_arn   varchar(2048) not null,
    expiration_millis  bigint        not null
);

create index ix_sandbox_sts_session_expiration on sandbox_sts_session (expiration_millis);
