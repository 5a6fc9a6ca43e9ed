-- When the console asked KMS to connect or disconnect a key store, so that every console instance's pages say the
-- same "CONNECTING for 2 minutes" (KMS reports no start time). One row per store (keystore.ConnectionTransitions):
-- the latest request, replaced by the next one; rows older than an hour are removed when a new one is written.
create table connection_transition (
    account_id varchar(12)              not null,
    region     varchar(32)              not null,
    store_id   varchar(64)              not null,
    operation  varchar(16)              not null,
    started_at timestamp with time zone not null,
    constraint connection_transition_pk primary key (account_id, region, store_id)
);
