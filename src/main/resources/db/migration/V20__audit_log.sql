-- Audit log: an append-only, hash-chained table of events (see README, "Audit log").
--
-- Every row is one link of the chain: hash = SHA-256 of the row's canonical form, which includes prev_hash,
-- the hash of the row with seq - 1 (genesis: 64 zeros). seq is gapless: it is assigned from the single row of
-- audit_chain_head, locked (select ... for update) by the transaction that appends, so that several console
-- instances writing at once still build one chain. The application only ever inserts into audit_event;
-- the README gives the grants that make this table append-only for its database user.
--
-- kind: EVENT   a one-shot event (sign-in, denial, refusal before KMS) that carries its outcome;
--       INTENT  a change written before it is attempted (outcome null until an OUTCOME row refers to it);
--       OUTCOME the outcome of an intent, its own chained row (refers_to = the intent's event_id).
-- entry_seq: the seq of the entry a row belongs to (its own seq; for an OUTCOME the intent's seq). The views
-- list entries (EVENT and INTENT rows) and join each intent to its outcome through it.
create table audit_event (
    seq               bigint                   not null primary key,
    event_id          varchar(36)              not null,
    kind              varchar(8)               not null,
    entry_seq         bigint                   not null,
    refers_to         varchar(36),
    occurred_at       timestamp with time zone not null,
    actor             varchar(128)             not null,
    actor_roles       varchar(255)             not null,
    source_ip         varchar(45),
    session_hash      varchar(64),
    action            varchar(64)              not null,
    target_region     varchar(32),
    target_account    varchar(12),
    target_store_id   varchar(64),
    target_store_name varchar(256),
    parameters        varchar(1000000)         not null,
    reason            varchar(1000),
    outcome           varchar(16),
    error_name        varchar(128),
    error_message     varchar(2000),
    kms_request_id    varchar(128),
    duration_ms       bigint,
    prev_hash         varchar(64)              not null,
    hash              varchar(64)              not null
);

create unique index audit_event_event_id on audit_event (event_id);
-- At most one OUTCOME per intent: a late outcome and a reconciliation cannot both be recorded.
create unique index audit_event_entry on audit_event (entry_seq, kind);
-- One index per filter, each ending with the keyset column (newest first: where seq < :cursor order by seq desc).
-- Time ranges are turned into seq ranges (occurred_at never decreases along the chain) with the first index.
create index audit_event_time on audit_event (occurred_at, seq);
create index audit_event_actor on audit_event (actor, seq);
create index audit_event_action on audit_event (action, seq);
create index audit_event_store on audit_event (target_store_id, seq);
-- Outcome filter: OUTCOME and EVENT rows carry the final outcome, listed by the entry they belong to.
create index audit_event_outcome on audit_event (outcome, entry_seq);

-- The chain head: the one row every append locks, so appends are serialised by the database, not the JVM.
create table audit_chain_head (
    id               integer                  not null primary key,
    last_seq         bigint                   not null,
    last_hash        varchar(64)              not null,
    last_occurred_at timestamp with time zone,
    constraint audit_chain_head_single check (id = 1)
);
insert into audit_chain_head (id, last_seq, last_hash, last_occurred_at)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', null);

-- Intents whose outcome is not recorded yet: a work list derived from audit_event (an INTENT row without an
-- OUTCOME row), kept so that "outcome unknown" entries and the reconciliation on the next describe do not
-- scan the whole log. Written in the same transactions as the chained rows; not evidence itself (the chain
-- is), so it is the one audit table the application deletes from.
create table audit_open_intent (
    intent_seq      bigint                   not null primary key,
    event_id        varchar(36)              not null,
    target_store_id varchar(64),
    opened_at       timestamp with time zone not null
);
create index audit_open_intent_store on audit_open_intent (target_store_id, intent_seq);

-- The key of the secret fingerprints (HMAC-SHA-256), generated at the first start in sandbox mode only; in aws
-- mode it comes from console.audit.fingerprint-key and this table stays empty.
create table audit_fingerprint_key (
    id         integer                  not null primary key,
    key_value  varchar(128)             not null,
    created_at timestamp with time zone not null,
    constraint audit_fingerprint_key_single check (id = 1)
);
