package com.cksconsole.keystore;

import com.cksconsole.kms.SandboxDefaults;

import com.cksconsole.kms.KmsMode;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the console reaches KMS.
 *
 * @param mode {@code sandbox} (default): the embedded KMS sandbox; {@code aws}: real AWS
 * KMS
 * @param region AWS Region whose custom key stores the console manages
 * @param endpoint optional KMS endpoint override (for example a VPC interface endpoint);
 * in sandbox mode it defaults to this application's own {@code /sandbox/kms}
 * @param cloudhsmRenameWhileConnected whether a CloudHSM key store may be renamed while
 * CONNECTED; the UpdateCustomKeyStore specification says no (default), newer KMS allows
 * it
 * @param snapshotTtl how long one DescribeCustomKeyStores result is shared by every page
 * view before KMS is asked again (KMS allows about 5 Describe calls per second per
 * account and Region); the console's own changes drop it at once
 * @param accountId the 12-digit AWS account whose key stores the console manages,
 * recorded with every audit event about them (KMS does not name it in its answers); in
 * sandbox mode the sandbox's account
 * @param snapshotRecheck how long an instance serves the shared snapshot from memory
 * before it looks at the database again (at most {@code snapshotTtl}): the longest
 * another instance's change takes to show here; one database read per target per recheck,
 * whatever the page views
 */
@ConfigurationProperties("console.kms")
public record KmsProperties(@DefaultValue("sandbox") KmsMode mode, @DefaultValue("us-east-1") String region,
        @Nullable URI endpoint, @DefaultValue("false") boolean cloudhsmRenameWhileConnected,
        @DefaultValue("3s") Duration snapshotTtl, @Nullable String accountId,
        @DefaultValue("1s") Duration snapshotRecheck) {

    @ConstructorBinding
    public KmsProperties {
    }

    /**
     * With the default recheck (for code written before {@code snapshotRecheck} existed).
     */
    public KmsProperties(KmsMode mode, String region, @Nullable URI endpoint, boolean cloudhsmRenameWhileConnected,
            Duration snapshotTtl, @Nullable String accountId) {
        this(mode, region, endpoint, cloudhsmRenameWhileConnected, snapshotTtl, accountId, Duration.ofSeconds(1));
    }

    /** Without an account ID (for code written before {@code accountId} existed). */
    public KmsProperties(KmsMode mode, String region, @Nullable URI endpoint, boolean cloudhsmRenameWhileConnected,
            Duration snapshotTtl) {
        this(mode, region, endpoint, cloudhsmRenameWhileConnected, snapshotTtl, null);
    }

    /**
     * The account to record: the configured one, or the sandbox's account in sandbox
     * mode.
     */
    public @Nullable String effectiveAccountId() {
        return accountId != null || mode != KmsMode.SANDBOX ? accountId : SandboxDefaults.ACCOUNT_ID;
    }

    /**
     * With the default snapshot lifetime (for code written before {@code snapshotTtl}
     * existed).
     */
    public KmsProperties(KmsMode mode, String region, @Nullable URI endpoint, boolean cloudhsmRenameWhileConnected) {
        this(mode, region, endpoint, cloudhsmRenameWhileConnected, Duration.ofSeconds(3));
    }
}
