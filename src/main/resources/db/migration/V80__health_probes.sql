-- Health over time (issue 17; docs/health.md): the probes' schedule, what they recorded, and each store's current
-- verdict. Every store is named by account_id (empty string when the console has no account configured), region
-- and store_id, as in the other tables of the console. No table holds a secret: the monitoring credential stays in
-- monitoring_credential (encrypted); the probes record outcomes and figures only.

-- The probe jobs' schedule and leases, one row per job (job_key e.g. "target|111122223333|eu-west-1",
-- "probe|111122223333|eu-west-1|cks-...", "keys|...", "tls|...", "retention"). A console instance runs a job only
-- after claiming it with one conditional update (due, and no other instance's lease running), so each job runs
-- once per period across all instances; a lease left by a stopped instance expires and is taken over.
create table health_job (
    job_key          varchar(200)             not null primary key,
    next_due_at      timestamp with time zone not null,
    lease_owner      varchar(64),
    lease_until      timestamp with time zone,
    last_started_at  timestamp with time zone,
    last_finished_at timestamp with time zone
);

-- Each store's connection state over time, as the shared DescribeCustomKeyStores snapshot showed it: one row per
-- change (a state lasts until the store's next row). Kept for console.health.retention.
create table health_state_change (
    account_id            varchar(12)              not null,
    region                varchar(32)              not null,
    store_id              varchar(64)              not null,
    changed_at            timestamp with time zone not null,
    connection_state      varchar(16)              not null,
    connection_error_code varchar(64),
    constraint health_state_change_pk primary key (account_id, region, store_id, changed_at)
);

-- Raw GetHealthStatus probes with the monitoring credential, one row per probe (every console.health.interval).
-- outcome: HEALTHY, an xks.XksFailureKind name, or CREDENTIAL_UNREADABLE. ekm_details: one line per external key
-- manager "<healthStatus> <id> <model>" (tab-separated), as the proxy's ekmFleetDetails listed them. Kept for
-- console.health.raw-retention, then rolled up into health_probe_hourly.
create table health_probe_sample (
    account_id       varchar(12)              not null,
    region           varchar(32)              not null,
    store_id         varchar(64)              not null,
    probed_at        timestamp with time zone not null,
    outcome          varchar(48)              not null,
    latency_ms       integer                  not null,
    http_status      integer,
    proxy_error_name varchar(64),
    vendor           varchar(128),
    model            varchar(128),
    fleet_size       integer,
    ekm_active       integer,
    ekm_degraded     integer,
    ekm_unavailable  integer,
    ekm_details      varchar(4000)
);

create index health_probe_sample_by_store on health_probe_sample (account_id, region, store_id, probed_at);
create index health_probe_sample_by_time on health_probe_sample (probed_at);

-- Hourly roll-ups of the raw probes older than console.health.raw-retention (hour_start: the UTC hour). Latencies
-- in milliseconds (nearest-rank percentiles of the hour's probes); ekm_*: fewest ACTIVE, most DEGRADED, most
-- UNAVAILABLE external key managers seen in the hour. Kept for console.health.retention.
create table health_probe_hourly (
    account_id          varchar(12)              not null,
    region              varchar(32)              not null,
    store_id            varchar(64)              not null,
    hour_start          timestamp with time zone not null,
    samples             integer                  not null,
    healthy             integer                  not null,
    p50_ms              integer,
    p99_ms              integer,
    max_ms              integer,
    ekm_min_active      integer,
    ekm_max_degraded    integer,
    ekm_max_unavailable integer,
    constraint health_probe_hourly_pk primary key (account_id, region, store_id, hour_start)
);

-- The newest TLS check of each store's public proxy endpoint (one row per store, replaced daily): the
-- health.tls.TlsCheckResult's values; chain_json the certificates the server sent (public data, no secret).
create table health_tls_check (
    account_id       varchar(12)              not null,
    region           varchar(32)              not null,
    store_id         varchar(64)              not null,
    host             varchar(253)             not null,
    port             integer                  not null,
    checked_at       timestamp with time zone not null,
    outcome          varchar(32)              not null,
    detail           varchar(300),
    protocol         varchar(32),
    cipher_suite     varchar(128),
    chain_trusted    boolean                  not null,
    host_matches     boolean                  not null,
    days_left        bigint,
    leaf_not_after   timestamp with time zone,
    chain_json       varchar(20000)           not null,
    constraint health_tls_check_pk primary key (account_id, region, store_id)
);

-- The newest GetKeyMetadata check of each external key a store's KMS keys use (hourly, with the monitoring
-- credential): key_status ENABLED or DISABLED, or failure (an xks.XksKeyFailureKind name) when the call failed.
create table health_external_key_check (
    account_id      varchar(12)              not null,
    region          varchar(32)              not null,
    store_id        varchar(64)              not null,
    key_id          varchar(64)              not null,
    external_key_id varchar(128)             not null,
    key_status      varchar(16),
    failure         varchar(48),
    checked_at      timestamp with time zone not null,
    constraint health_external_key_check_pk primary key (account_id, region, store_id, key_id)
);

-- Each described store's current verdict, one row per store, so that the dashboard reads one row per store.
-- Written by the job holding the store's (or its target's) lease; level changes are compare-and-set on level, so
-- only one instance publishes a change. findings: one line per finding "<HealthReason>\t<detail>", worst first.
-- last_probe_*: the newest GetHealthStatus probe (as in health_probe_sample). uri_endpoint, uri_path and
-- connectivity: the external key store's proxy settings as last described (the probes' address).
create table health_store_status (
    account_id              varchar(12)              not null,
    region                  varchar(32)              not null,
    store_id                varchar(64)              not null,
    store_name              varchar(256)             not null,
    external                boolean                  not null,
    connectivity            varchar(32),
    uri_endpoint            varchar(256),
    uri_path                varchar(128),
    connection_state        varchar(16)              not null,
    connection_error_code   varchar(64),
    state_since             timestamp with time zone not null,
    health_level            varchar(16)              not null,
    level_since             timestamp with time zone,
    findings                varchar(4000)            not null,
    last_probe_at           timestamp with time zone,
    last_probe_outcome      varchar(48),
    last_probe_latency_ms   integer,
    last_probe_http_status  integer,
    last_probe_error_name   varchar(64),
    last_probe_vendor       varchar(128),
    last_probe_model        varchar(128),
    last_probe_fleet_size   integer,
    last_probe_ekm_details  varchar(4000),
    cert_days_left          integer,
    updated_at              timestamp with time zone not null,
    constraint health_store_status_pk primary key (account_id, region, store_id)
);
