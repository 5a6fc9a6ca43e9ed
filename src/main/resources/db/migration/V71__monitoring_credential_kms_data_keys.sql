-- Monitoring credentials may have a KMS key as key-encryption key (console.health.credentials.kms-key-id): the
-- data key is then stored as the Base64 of the KMS ciphertext blob GenerateDataKey or Encrypt returned, which is
-- longer than an AES-GCM-wrapped key (a blob is about 180 bytes for a 32-byte data key; KMS does not promise a
-- size, so the column leaves ample room).
alter table monitoring_credential alter column encrypted_data_key set data type varchar(1024);
