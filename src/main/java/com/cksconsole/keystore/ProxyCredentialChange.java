package com.cksconsole.keystore;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;

/**
 * The console's record of the last change of an external key store's proxy authentication
 * credential (docs/health.md, "Credential age"). Holds no secret: only the access key ID,
 * which DescribeCustomKeyStores returns anyway
 * ({@code XksProxyConfiguration.AccessKeyId}).
 *
 * @param store the external key store
 * @param accessKeyId the access key ID KMS uses for the store since the change
 * @param changedAt when the credential was set: the moment a CreateCustomKeyStore or
 * UpdateCustomKeyStore of the console that set it succeeded ({@link Source#CONSOLE}), or
 * the start of the Describe that first showed a new access key ID
 * ({@link Source#OBSERVED}); null when the console first saw the store with this
 * credential (it cannot know when it was set: the age is unknown)
 * @param source who changed it, as far as the console knows
 */
public record ProxyCredentialChange(KeyStoreRef store, String accessKeyId, @Nullable Instant changedAt, Source source) {

    /** Where the console learned of the change. */
    public enum Source {

        /**
         * A CreateCustomKeyStore or UpdateCustomKeyStore of the console (plain or guided)
         * that set the credential succeeded.
         */
        CONSOLE,

        /**
         * A Describe showed it: the first sighting of the store (no {@code changedAt}) or
         * an access key ID other than the recorded one (changed outside the console).
         */
        OBSERVED

    }

    /** The credential's age at {@code now}; empty when unknown. */
    public Optional<Duration> age(Instant now) {
        return Optional.ofNullable(changedAt).map(at -> Duration.between(at, now));
    }

    /**
     * Whether the console only knows the credential from its first sighting of the store
     * (age unknown).
     */
    public boolean firstSeen() {
        return changedAt == null;
    }

    /**
     * Whether the credential was changed outside the console (AWS CLI, SDK, AWS console);
     * its age counts from the Describe that first showed it.
     */
    public boolean changedOutsideConsole() {
        return source == Source.OBSERVED && changedAt != null;
    }

}
