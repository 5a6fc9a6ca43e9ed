package com.cksconsole.targets;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Targets seeded from configuration ({@code console.targets[0].name=production}, ...).
 * Each is added once, at the first start that sees it (by name); afterwards the Targets
 * page is where it is changed, so an edit is never undone by a restart. When neither the
 * configuration nor the database names a target, the console adds one for
 * {@code console.kms.account-id} and {@code console.kms.region} with the default
 * credential chain.
 *
 * @param targets the targets to seed
 */
@ConfigurationProperties("console")
public record TargetsProperties(@DefaultValue List<Seed> targets) {

    /**
     * One seeded target; see {@link Target} for the meaning of each field.
     *
     * @param name short name used in URLs (1 to 32 lower-case letters, digits and
     * hyphens)
     * @param label what operators read; defaults to the name
     * @param accountId the 12-digit account the target must reach
     * @param region the AWS Region
     * @param access {@code default-chain} (default), {@code profile} or
     * {@code assume-role}
     * @param profileName the named profile, for {@code profile}
     * @param roleArn the role to assume, for {@code assume-role}
     * @param externalId the external ID the role's trust policy requires, if any
     * @param sessionName the role session name (default {@code custom-key-store-console})
     * @param kmsEndpoint optional KMS endpoint override (a VPC interface endpoint)
     * @param storeQuota custom key stores allowed in this account and Region (default 10)
     * @param enabled whether the console uses the target (default true)
     * @param credentialRotationDays the rotation policy of the proxy credentials of the
     * target's external key stores, in days (1 to 3650, default 90)
     */
    public record Seed(String name, @Nullable String label, String accountId, String region,
            @DefaultValue("default-chain") TargetAccess access, @Nullable String profileName, @Nullable String roleArn,
            @Nullable String externalId, @Nullable String sessionName, @Nullable URI kmsEndpoint,
            @DefaultValue("10") int storeQuota, @DefaultValue("true") boolean enabled,
            @DefaultValue("90") int credentialRotationDays) {

        Target toTarget() {
            return new Target(new TargetName(name), label == null ? name : label, accountId, region, access,
                    profileName, roleArn, externalId, sessionName, kmsEndpoint, storeQuota, enabled,
                    credentialRotationDays);
        }

        @Override
        public String toString() {
            return "Seed[" + name + " " + accountId + "/" + region + " " + access + "]";
        }
    }
}
