-- One DescribeCustomKeyStores snapshot per target (account and Region) for every console instance on this database
-- (issue 19; docs/architecture.md "The shared Describe snapshot"). KMS allows about 5 Describe calls per second per
-- account and Region, shared by everyone who uses the account: N instances must still make at most one Describe per
-- target per console.kms.snapshot-ttl.
--
-- An instance that needs a fresh snapshot first claims the row's lease with one conditional update (free or
-- expired lease, same generation, and neither a current snapshot nor a recent failure), Describes, and writes the
-- answer back; the other instances wait for it and read it from here. A console change bumps generation, so a
-- snapshot taken before it (snapshot_generation < generation) is no longer current on any instance.
--
-- stores_json holds what Describe returned (names, states, proxy endpoints, access key IDs, trust anchors): KMS never
-- returns the CloudHSM kmsuser password or the XKS secret access key, so no secret is stored here. failure_*: the
-- last failed Describe, reduced to KmsFailure (kind, KMS error name, request ID; never KMS's message), so that a
-- failure is not repeated within the period by another instance either.
create table kms_snapshot (
    account_id          varchar(12)              not null,
    region              varchar(32)              not null,
    generation          bigint                   not null,
    stores_json         varchar(1000000),
    taken_at            timestamp with time zone,
    snapshot_generation bigint,
    failure_kind        varchar(32),
    failure_code        varchar(128),
    failure_request_id  varchar(64),
    failed_at           timestamp with time zone,
    failure_generation  bigint,
    lease_owner         varchar(64),
    lease_until         timestamp with time zone,
    constraint kms_snapshot_pk primary key (account_id, region)
);
