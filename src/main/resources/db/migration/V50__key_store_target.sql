-- A custom key store ID is unique only within one AWS account and Region, so every table that kept a store by
-- its ID alone now keeps the account and Region with it, as part of its key: two stores with the same ID in two
-- targets never share a change lock, an observed state or a guided change's history.
--
-- account_id: the 12-digit account, or '' when console.kms.account-id is not configured in aws mode (key
--     columns cannot be null). region: the Region name.
--
-- Existing rows belong to the account and Region the console is configured for, which SQL cannot know (it is in
-- the configuration, not the database). Rows written before this migration therefore get region '' (no Region
-- is named so), and the console fills in its configured target right after Flyway has migrated, before anything
-- reads these tables (StoreTargetAdoption, a Flyway callback). Nullable columns read as "the default target"
-- were the alternative; they cannot be part of a primary key, and every query would need the default spelled
-- out, so a store of another target could be mistaken for one of the default target.
--
-- The two tables whose primary key changes are copied into new tables and renamed, which H2 and PostgreSQL
-- both accept (the name of the old primary key constraint differs between them).

create table active_store_lock_v50 (
    account_id  varchar(12)              not null,
    region      varchar(32)              not null,
    store_id    varchar(64)              not null,
    run_id      varchar(36),
    holder      varchar(64)              not null,
    acquired_at timestamp with time zone not null,
    primary key (account_id, region, store_id)
);
insert into active_store_lock_v50 (account_id, region, store_id, run_id, holder, acquired_at)
    select '', '', store_id, run_id, holder, acquired_at from active_store_lock;
drop table active_store_lock;
alter table active_store_lock_v50 rename to active_store_lock;

create table observed_store_state_v50 (
    account_id       varchar(12)              not null,
    region           varchar(32)              not null,
    store_id         varchar(64)              not null,
    settings_json    varchar(20000)           not null,
    settings_since   timestamp with time zone not null,
    connection_state varchar(16)              not null,
    state_since      timestamp with time zone not null,
    observed_at      timestamp with time zone not null,
    version          bigint                   not null,
    primary key (account_id, region, store_id)
);
insert into observed_store_state_v50 (account_id, region, store_id, settings_json, settings_since, connection_state,
                                      state_since, observed_at, version)
    select '', '', store_id, settings_json, settings_since, connection_state, state_since, observed_at, version
    from observed_store_state;
drop table observed_store_state;
alter table observed_store_state_v50 rename to observed_store_state;

-- A guided change's key is its own ID; the store it changes is found by account, Region and store ID.
alter table guided_change_run add column account_id varchar(12) default '' not null;
alter table guided_change_run add column region varchar(32) default '' not null;
drop index guided_change_run_by_store;
create index guided_change_run_by_store on guided_change_run (account_id, region, store_id, created_at);
