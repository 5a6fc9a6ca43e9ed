-- Each target's rotation policy for the proxy credentials of its external key stores (issue #18, docs/health.md
-- "Credential age"): a credential older than this many days is at risk (CREDENTIAL_TOO_OLD). Existing targets
-- get 90 days, the console's former fixed policy (console.health.credential-max-age).
alter table kms_target add column credential_rotation_days integer default 90 not null;
