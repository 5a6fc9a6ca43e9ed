package com.cksconsole.sandbox.xksproxy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who the built-in sandbox XKS proxy accepts, how it answers, and which external keys it
 * holds.
 *
 * @param registrations the seeded registrations (application-sandbox.yml); replacing this
 * list replaces them all
 * @param additionalRegistrations registrations added on top of the seeded ones: the easy
 * way to add one without repeating the seed
 * @param keyMaterialSeed the secret every external key's AES material is derived from
 * (with the key's prefix and ID), so that a key encrypts the same way after a restart and
 * on every instance; never logged. Change it and every ciphertext made before becomes
 * undecryptable, as after losing a key manager.
 * @param schedules behaviours that follow each other in time on a prefix, overriding its
 * registrations' behaviour while a step is active (docs/sandbox.md "Behaviour schedules")
 */
@ConfigurationProperties("console.sandbox.xks-proxy")
public record SandboxXksProxyProperties(@DefaultValue List<Registration> registrations,
        @DefaultValue List<Registration> additionalRegistrations, @DefaultValue("") String keyMaterialSeed,
        @DefaultValue List<Schedule> schedules) {

    public SandboxXksProxyProperties {
        registrations = List.copyOf(registrations);
        additionalRegistrations = List.copyOf(additionalRegistrations);
        schedules = List.copyOf(schedules);
    }

    @Override
    public String toString() {
        return "SandboxXksProxyProperties[registrations=" + registrations + ", additionalRegistrations="
                + additionalRegistrations + ", keyMaterialSeed=<redacted>, schedules=" + schedules + "]";
    }

    /**
     * A sequence of behaviours for one registered prefix, driven by the application's
     * clock.
     *
     * @param prefix a prefix some registration serves
     * @param repeat whether the steps start over after the last one; otherwise the
     * registration's own behaviour applies again after it
     * @param startsAt when the first step begins; default: when the console starts
     * @param steps at least one, each with a positive duration
     */
    public record Schedule(@DefaultValue("") String prefix, @DefaultValue("false") boolean repeat,
            @Nullable Instant startsAt, @DefaultValue List<Step> steps) {

        public Schedule {
            steps = List.copyOf(steps);
        }

    }

    /**
     * One step of a schedule.
     *
     * @param behaviour how the proxy answers during the step
     * @param duration how long the step lasts (positive), e.g. {@code 10m}
     */
    public record Step(@Nullable ProxyBehaviour behaviour, @Nullable Duration duration) {
    }

    /**
     * One credential the proxy accepts for one path prefix. Several registrations may
     * share a prefix (credential rotation, which the spec asks proxies to support); they
     * then share its behaviour, and its external keys are those all of them list.
     *
     * @param prefix the part of XksProxyUriPath before {@code /kms/xks/v1}: empty, or
     * {@code /segment[/...]}
     * @param accessKeyId the SigV4 access key ID (20-30 characters, A-Z and 2-7)
     * @param rawSecretAccessKey the SigV4 secret (43-64 characters, a-z A-Z 0-9 / + =);
     * never logged
     * @param behaviour how the proxy answers an authentic request for this prefix
     * @param externalKeys the external keys the proxy's key manager holds behind this
     * prefix, by external key ID (1-128 characters of A-Z a-z 0-9 - . _)
     */
    public record Registration(@DefaultValue("") String prefix, String accessKeyId, String rawSecretAccessKey,
            @DefaultValue("healthy") ProxyBehaviour behaviour, @DefaultValue Map<String, ExternalKey> externalKeys) {

        public Registration {
            externalKeys = Map.copyOf(externalKeys);
        }

        @Override
        public String toString() {
            // Like XksProxyCredential: KMS marks both halves of the credential sensitive.
            return "Registration[prefix=" + prefix + ", accessKeyId=<redacted>, rawSecretAccessKey=<redacted>, "
                    + "behaviour=" + behaviour + ", externalKeys=" + externalKeys + "]";
        }
    }

    /**
     * One external key, as GetKeyMetadata describes it (XKS proxy API specification,
     * "GetKeyMetadata"). Only an ENABLED AES_256 key with ENCRYPT and DECRYPT among its
     * usages can encrypt and decrypt; the others exist to show KMS's refusals.
     *
     * @param keySpec e.g. {@code AES_256}
     * @param keyUsage upper case, 1-10 of ENCRYPT, DECRYPT, SIGN, VERIFY, WRAP, UNWRAP,
     * DERIVE
     * @param status ENABLED or DISABLED
     */
    public record ExternalKey(@DefaultValue("AES_256") String keySpec, @DefaultValue( {
            "ENCRYPT", "DECRYPT" }) List<String> keyUsage, @DefaultValue("ENABLED") String status){

        public ExternalKey {
            keyUsage = List.copyOf(keyUsage);
        }

        boolean canEncryptAndDecrypt() {
            return "AES_256".equals(keySpec) && keyUsage.contains("ENCRYPT") && keyUsage.contains("DECRYPT");
        }

        boolean enabled() {
            return "ENABLED".equals(status);
        }

    }
}
