package com.cksconsole.health.credentials;

import org.springframework.modulith.NamedInterface;

import java.time.Duration;
import java.time.Instant;

import com.cksconsole.kms.KeyStoreRef;

/**
 * What may be shown of a stored monitoring credential: never its secret.
 *
 * @param createdAt when it was stored, for the rotation policy ("credential older than 90
 * days")
 * @param createdBy the console user who stored it
 */
@NamedInterface("monitoring-credentials")
public record StoredCredential(KeyStoreRef store, String accessKeyId, Instant createdAt, String createdBy) {

    /** How old the credential is at {@code now}. */
    public Duration age(Instant now) {
        return Duration.between(createdAt, now);
    }
}
