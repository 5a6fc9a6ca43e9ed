-- The secret a guided change's update step needs (a new KeyStorePassword or XKS RawSecretAccessKey), held
-- envelope-encrypted in the run's row so that any instance can take the run over (issue #19): AES-256-GCM under
-- the monitoring credentials' key-encryption key, bound to the run and its store, as credential_rotation_run's
-- sealed_* columns (V95). Null when no key-encryption key is configured (the secret is then held in memory only),
-- and set to null as soon as the update step has sent it and when the run ends. Never stored readable.
alter table guided_change_run add column sealed_data_key varchar(2048);
alter table guided_change_run add column sealed_kek_id varchar(64);
alter table guided_change_run add column sealed_iv varchar(32);
alter table guided_change_run add column sealed_ciphertext varchar(256);
