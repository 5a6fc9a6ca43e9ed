package com.cksconsole.health.credentials.internal;

import java.time.Instant;

import com.cksconsole.health.credentials.internal.EnvelopeCipher.Sealed;
import com.cksconsole.kms.KeyStoreRef;

/** One row of {@code monitoring_credential}: the secret only in its encrypted form. */
public record CredentialRow(KeyStoreRef store, String accessKeyId, Sealed sealed, Instant createdAt, String createdBy) {
}
