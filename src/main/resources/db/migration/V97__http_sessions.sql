-- Sign-in sessions in the database (Spring Session JDBC), so that every console instance behind a load balancer
-- knows every session: the tables Spring Session's JdbcIndexedSessionRepository reads and writes, as in its own
-- schema-postgresql.sql and schema-h2.sql (BYTEA is BINARY VARYING on H2). A session's attributes hold nothing
-- readable about a secret: what a session keeps about a secret is encrypted under a key only the browser holds
-- (docs/production.md, "Several instances").
create table spring_session (
    primary_id char(36) not null,
    session_id char(36) not null,
    creation_time bigint not null,
    last_access_time bigint not null,
    max_inactive_interval int not null,
    expiry_time bigint not null,
    principal_name varchar(100),
    constraint spring_session_pk primary key (primary_id)
);

create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36) not null,
    attribute_name varchar(200) not null,
    attribute_bytes bytea not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id)
        on delete cascade
);

-- One-use tokens and handles (a pending change's token, a delete confirmation, an imported secret's handle) are
-- used at most once across every instance: the first request to insert a token's hash wins, a double click or a
-- replay sent to another instance finds it taken. Rows are kept until the token would have expired anyway.
create table session_token_use (
    token_hash char(64) not null,
    expires_at_millis bigint not null,
    constraint session_token_use_pk primary key (token_hash)
);

create index session_token_use_expiry on session_token_use (expires_at_millis);
