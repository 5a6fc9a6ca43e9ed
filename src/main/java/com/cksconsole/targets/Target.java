package com.cksconsole.targets;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KmsConstraints;
import com.cksconsole.kms.KmsTarget;

/**
 * One AWS account and Region the console manages, and how it is reached.
 *
 * @param name short name used in URLs and the header chooser
 * @param label what operators read ("Production (EU)")
 * @param accountId the 12-digit account the target is meant to reach; a check that
 * reaches another account is refused
 * @param region the AWS Region
 * @param access how credentials are obtained
 * @param profileName the named profile ({@link TargetAccess#PROFILE} only)
 * @param roleArn the role to assume ({@link TargetAccess#ASSUME_ROLE} only)
 * @param externalId the external ID the role's trust policy requires, if any (not a
 * secret: AWS documents it as a shared identifier against the confused-deputy problem)
 * @param sessionName the role session name, shown in the account's CloudTrail
 * @param kmsEndpoint optional KMS endpoint override (a VPC interface endpoint)
 * @param storeQuota custom key stores allowed in this account and Region (10 unless AWS
 * raised it)
 * @param enabled whether the console uses the target
 * @param credentialRotationDays the rotation policy of the proxy credentials of the
 * target's external key stores: a credential older than this many days is at risk
 * (docs/health.md, "Credential age")
 */
public record Target(TargetName name, String label, String accountId, String region, TargetAccess access,
        @Nullable String profileName, @Nullable String roleArn, @Nullable String externalId,
        @Nullable String sessionName, @Nullable URI kmsEndpoint, int storeQuota, boolean enabled,
        int credentialRotationDays) {

    /**
     * KMS allows this many custom key stores per account and Region unless the quota was
     * raised.
     */
    public static final int DEFAULT_STORE_QUOTA = KmsConstraints.CUSTOM_KEY_STORES_PER_ACCOUNT_AND_REGION;

    public static final String DEFAULT_SESSION_NAME = "custom-key-store-console";

    /**
     * The rotation policy of a target nobody set one for, in days (also the seeded and
     * sandbox targets').
     */
    public static final int DEFAULT_CREDENTIAL_ROTATION_DAYS = 90;

    /** A target with the default rotation policy. */
    public Target(TargetName name, String label, String accountId, String region, TargetAccess access,
            @Nullable String profileName, @Nullable String roleArn, @Nullable String externalId,
            @Nullable String sessionName, @Nullable URI kmsEndpoint, int storeQuota, boolean enabled) {
        this(name, label, accountId, region, access, profileName, roleArn, externalId, sessionName, kmsEndpoint,
                storeQuota, enabled, DEFAULT_CREDENTIAL_ROTATION_DAYS);
    }

    /** The rotation policy of the proxy credentials as a duration. */
    public Duration credentialRotation() {
        return Duration.ofDays(credentialRotationDays);
    }

    /** The session name to use when assuming the role. */
    public String effectiveSessionName() {
        return sessionName == null || sessionName.isBlank() ? DEFAULT_SESSION_NAME : sessionName;
    }

    /**
     * The account and Region, as the key store module identifies stores
     * ({@code KeyStoreRef}).
     */
    public KmsTarget kmsTarget() {
        return new KmsTarget(accountId, region);
    }

    public Target withEnabled(boolean newEnabled) {
        return new Target(name, label, accountId, region, access, profileName, roleArn, externalId, sessionName,
                kmsEndpoint, storeQuota, newEnabled, credentialRotationDays);
    }
}
