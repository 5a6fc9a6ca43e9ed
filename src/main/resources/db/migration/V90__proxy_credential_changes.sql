-- The console's record of the last change of each external key store's proxy authentication credential
-- (issue #18, docs/health.md "Credential age"), so that the age of the credential KMS uses can be shown and
-- judged against the target's rotation policy. One row per store, replaced by every change; never a secret:
-- only the access key ID, which DescribeCustomKeyStores returns anyway (XksProxyConfiguration.AccessKeyId).
--
-- source: CONSOLE (a CreateCustomKeyStore or UpdateCustomKeyStore of the console that set the credential
--     succeeded) or OBSERVED (a Describe showed it: the first sighting of a store, or an access key ID other than
--     the recorded one, i.e. changed outside the console).
-- changed_at: when the credential was set: the moment the console's call succeeded, or the start of the Describe
--     that first showed a changed access key ID. Null for the first sighting of a store (the console cannot know
--     when that credential was set: its age is unknown).
-- recorded_at: when the row was written (CONSOLE) or the start of the Describe that wrote it (OBSERVED). A
--     Describe that started before it is not compared with the row, so an answer from before a console change is
--     never taken for a change made outside the console.
create table proxy_credential_change (
    account_id    varchar(12)              not null,
    region        varchar(32)              not null,
    store_id      varchar(64)              not null,
    access_key_id varchar(128)             not null,
    changed_at    timestamp with time zone,
    source        varchar(16)              not null,
    recorded_at   timestamp with time zone not null,
    primary key (account_id, region, store_id)
);
