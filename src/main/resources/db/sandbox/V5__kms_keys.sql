-- KMS keys in custom key stores (docs/sandbox.md "KMS keys"), their aliases and tags. Every key belongs to one
-- account and Region like its store. key_state is the state KMS remembers underneath (Enabled, Disabled,
-- PendingDeletion); a key of a store that is not CONNECTED shows Unavailable without a write (KMS Developer Guide,
-- "Key states of AWS KMS keys"). No key material is stored: the simulated HSM and the KMS-side layer of external
-- keys derive it from a sandbox-wide secret (sandbox_kms_setting) and the key ARN.

create table sandbox_kms_key (
    account_id           varchar(12)   not null,
    region               varchar(32)   not null,
    key_id               varchar(36)   not null,
    custom_key_store_id  varchar(64)   not null,
    origin               varchar(32)   not null,
    key_state            varchar(16)   not null,
    description          varchar(8192) not null,
    creation_millis      bigint        not null,
    deletion_millis      bigint,
    xks_key_id           varchar(128),
    constraint pk_sandbox_kms_key primary key (account_id, region, key_id)
);

create index ix_sandbox_kms_key_order on sandbox_kms_key (account_id, region, creation_millis, key_id);

create index ix_sandbox_kms_key_store on sandbox_kms_key (account_id, region, custom_key_store_id);

-- Alias names are unique per account and Region and case-sensitive.
create table sandbox_kms_alias (
    account_id       varchar(12)  not null,
    region           varchar(32)  not null,
    alias_name       varchar(256) not null,
    key_id           varchar(36)  not null,
    creation_millis  bigint       not null,
    updated_millis   bigint       not null,
    constraint pk_sandbox_kms_alias primary key (account_id, region, alias_name)
);

create table sandbox_kms_key_tag (
    account_id  varchar(12)  not null,
    region      varchar(32)  not null,
    key_id      varchar(36)  not null,
    tag_key     varchar(128) not null,
    tag_value   varchar(256) not null,
    constraint pk_sandbox_kms_key_tag primary key (account_id, region, key_id, tag_key)
);
