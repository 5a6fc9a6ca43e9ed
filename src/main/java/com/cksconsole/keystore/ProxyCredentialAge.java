package com.cksconsole.keystore;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;

/**
 * How old an external key store's proxy credential is, against the rotation policy of its
 * target (docs/health.md, "Credential age"): what the health rules judge and the pages
 * show next to "Rotate now".
 *
 * @param store the external key store
 * @param change the console's record of the last credential change; null when the console
 * has not seen the store yet
 * @param policyDays the target's rotation policy ({@code Target.credentialRotationDays})
 * @param now the moment the age is measured at
 */
public record ProxyCredentialAge(KeyStoreRef store, @Nullable ProxyCredentialChange change, int policyDays,
        Instant now) {

    /** The credential's age; empty when unknown. */
    public Optional<Duration> age() {
        return change == null ? Optional.empty() : change.age(now);
    }

    /** The policy as a duration. */
    public Duration policy() {
        return Duration.ofDays(policyDays);
    }

    /** The age in whole days; null when unknown. */
    public @Nullable Long days() {
        return age().map(Duration::toDays).orElse(null);
    }

    /**
     * Whether the credential is older than the policy (an unknown age never is): the
     * store is at risk ({@code CREDENTIAL_TOO_OLD}) and "Rotate now" is emphasised.
     */
    public boolean overdue() {
        return age().map(age -> age.compareTo(policy()) > 0).orElse(false);
    }

    /** The access key ID KMS uses, as last recorded; null when unknown. */
    public @Nullable String accessKeyId() {
        return change == null ? null : change.accessKeyId();
    }

    /**
     * What operators read: "41 days (policy 90)", "changed outside the console, first
     * seen 3 days ago (policy 90)", or why the age is unknown.
     */
    public String text() {
        if (change == null) {
            return "unknown: the console has not seen this store yet";
        }
        if (change.firstSeen()) {
            return "unknown: not changed through the console since it was first seen (policy " + policyDays + " days)";
        }
        long days = age().orElseThrow().toDays();
        String age = days == 1 ? "1 day" : days + " days";
        if (change.changedOutsideConsole()) {
            return "changed outside the console, first seen " + age + " ago (policy " + policyDays + " days)";
        }
        return age + " (policy " + policyDays + " days)";
    }

}
