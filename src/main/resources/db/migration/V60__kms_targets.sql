-- The targets: the AWS accounts and Regions the console manages and how each is reached (docs/operating.md,
-- "Targets"). No credential is stored: a target names the default credential chain, a profile of the host's
-- AWS configuration files, or a role to assume with temporary credentials.
--
-- One target per account and Region: a key store is identified by account, Region and key store ID, so two
-- targets for the same account and Region would show the same stores twice under different names.
-- origin: CONFIGURATION (seeded from console.targets at start-up, once) or CONSOLE (added on the Targets page).
-- last_check_*: the last "Check" (the account actually reached, the outcome), so every instance shows it.
-- version: bumped by every write; edits are conditional on it (two administrators editing at once: the second
--     is told, nothing is overwritten).
create table kms_target (
    name               varchar(32)              not null primary key,
    label              varchar(64)              not null,
    account_id         varchar(12)              not null,
    region             varchar(32)              not null,
    access             varchar(16)              not null,
    profile_name       varchar(64),
    role_arn           varchar(2048),
    external_id        varchar(1224),
    session_name       varchar(64),
    kms_endpoint       varchar(512),
    store_quota        integer                  not null,
    enabled            boolean                  not null,
    origin             varchar(16)              not null,
    last_check_at      timestamp with time zone,
    last_check_outcome varchar(32),
    last_check_account varchar(12),
    last_check_stores  integer,
    last_check_detail  varchar(1000),
    version            bigint                   not null,
    updated_at         timestamp with time zone not null,
    updated_by         varchar(128)             not null,
    constraint kms_target_account_region unique (account_id, region)
);
