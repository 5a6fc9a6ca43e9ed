-- Monitoring credentials (issue 17, "Health over time"): per external key store, a second XKS proxy
-- authentication credential the console probes GetHealthStatus with (the XKS proxy API specification asks
-- proxies to accept at least two, so the console never uses the one KMS uses).
--
-- The secret access key is never stored in plaintext: envelope encryption with AES-256-GCM. A random data key
-- per credential encrypts the secret (iv, ciphertext); the data key itself is encrypted under a key-encryption
-- key (KEK) from configuration, never from the database (encrypted_data_key, named by kek_id so that a KEK
-- rotation knows which rows still need re-encrypting). Both encryptions bind the account, Region, store ID and
-- access key ID as additional authenticated data: a row copied onto another store fails to decrypt.
-- The binary values are stored as Base64 text (the same column types on H2 and PostgreSQL).
-- One credential per store: replacing it replaces the row.
create table monitoring_credential (
    account_id         varchar(12)              not null,
    region             varchar(32)              not null,
    key_store_id       varchar(64)              not null,
    access_key_id      varchar(30)              not null,
    encrypted_data_key varchar(128)             not null,
    kek_id             varchar(64)              not null,
    iv                 varchar(24)              not null,
    ciphertext         varchar(256)             not null,
    created_at         timestamp with time zone not null,
    created_by         varchar(128)             not null,
    constraint monitoring_credential_pk primary key (account_id, region, key_store_id)
);
