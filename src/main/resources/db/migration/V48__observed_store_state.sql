-- What the console last saw of each custom key store, so that a Describe showing a store that was changed
-- outside the console (AWS CLI, SDK, AWS console) is recorded once in the audit log as "changed outside the
-- console", and so that the overview can say how long a store has been in its connection state.
--
-- settings_json: every described property except the ID, the connection state and its error code, as a JSON
--     object {member name: value or null}. KMS never returns a secret, so none is ever here.
-- settings_since / state_since: the start of the Describe that first showed these settings / this state.
-- observed_at: the start of the Describe that last wrote the row. An older Describe that finishes later (it
--     overlapped a newer one) is ignored, so a stale answer is never taken for a change.
-- version: bumped by every write; writes are conditional on it, so when several console instances see the same
--     difference only one records it.
create table observed_store_state (
    store_id         varchar(64)              not null primary key,
    settings_json    varchar(20000)           not null,
    settings_since   timestamp with time zone not null,
    connection_state varchar(16)              not null,
    state_since      timestamp with time zone not null,
    observed_at      timestamp with time zone not null,
    version          bigint                   not null
);
