package com.cksconsole.sandbox.kms;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KmsField;
import com.cksconsole.kms.XksConnectivity;

/**
 * The accounts, roles and seeded stores of the simulated AWS, under
 * {@code console.sandbox} next to {@link SandboxKmsProperties}. Their defaults live in
 * {@code application-sandbox.yml}; docs/sandbox.md describes them.
 *
 * @param accounts accounts besides the default one ({@code console.sandbox.account-id}),
 * each with its own access key
 * @param roles the IAM roles STS AssumeRole ({@code /sandbox/sts}) knows
 * @param seedStores the stores an empty sandbox starts with, seeded once per account and
 * Region
 */
@ConfigurationProperties("console.sandbox")
record SandboxWorldProperties(List<Account> accounts, List<Role> roles, List<SeedStore> seedStores) {

    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /**
     * IAM role ARN: {@code arn:aws:iam::<account>:role/[<path>/]<name>} (IAM User Guide,
     * "IAM identifiers").
     */
    static final Pattern ROLE_ARN = Pattern
        .compile("arn:aws:iam::(\\d{12}):role/((?:[\\w+=,.@-]+/)*)([\\w+=,.@-]{1,64})");

    private static final Duration MIN_SESSION = Duration.ofHours(1);

    private static final Duration MAX_SESSION = Duration.ofHours(12);

    SandboxWorldProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        roles = roles == null ? List.of() : List.copyOf(roles);
        seedStores = seedStores == null ? List.of() : List.copyOf(seedStores);
        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (Account account : accounts) {
            require(account.id() != null && ACCOUNT_ID.matcher(account.id()).matches(),
                    "console.sandbox.accounts: '" + account.id() + "' is not a 12-digit account ID");
            require(ids.add(account.id()), "console.sandbox.accounts: account " + account.id() + " is listed twice");
            require(account.accessKeyId() == null || keys.add(account.accessKeyId()),
                    "console.sandbox.accounts: access key " + account.accessKeyId() + " is listed twice");
            require(account.accessKeyId() == null || account.secretAccessKey() != null,
                    "console.sandbox.accounts[" + account.id() + "].secret-access-key is required with an access key");
        }
        Set<String> arns = new HashSet<>();
        for (Role role : roles) {
            require(role.arn() != null && ROLE_ARN.matcher(role.arn()).matches(),
                    "console.sandbox.roles: '" + role.arn() + "' is not an IAM role ARN");
            require(arns.add(role.arn()), "console.sandbox.roles: role " + role.arn() + " is listed twice");
            role.trustedAccounts()
                .forEach(trusted -> require(ACCOUNT_ID.matcher(trusted).matches(), "console.sandbox.roles[" + role.arn()
                        + "].trusted-accounts: '" + trusted + "' is not an account ID"));
            require(role.externalId() == null || StsLimits.EXTERNAL_ID.matcher(role.externalId()).matches(),
                    "console.sandbox.roles[" + role.arn() + "].external-id must be 2 to 1224 characters of "
                            + "letters, digits and _+=,.@:/-");
            require(role.maxSessionDuration().compareTo(MIN_SESSION) >= 0
                    && role.maxSessionDuration().compareTo(MAX_SESSION) <= 0,
                    "console.sandbox.roles[" + role.arn() + "].max-session-duration must be between 1h and 12h");
        }
        for (SeedStore store : seedStores) {
            require(KmsField.CUSTOM_KEY_STORE_ID.violation(store.id()).isEmpty(),
                    "console.sandbox.seed-stores: '" + store.id() + "' is not a custom key store ID");
            require(store.accountId() == null || ACCOUNT_ID.matcher(store.accountId()).matches(),
                    "console.sandbox.seed-stores[" + store.id() + "].account-id is not a 12-digit account ID");
            require((store.cloudhsm() == null) != (store.xks() == null),
                    "console.sandbox.seed-stores[" + store.id() + "] needs exactly one of cloudhsm and xks");
            require(store.connectionErrorCode() == null || store.state() == ConnectionState.FAILED,
                    "console.sandbox.seed-stores[" + store.id() + "].connection-error-code needs state FAILED");
            for (SeedKey key : store.keys()) {
                String at = "console.sandbox.seed-stores[" + store.id() + "].keys[" + key.keyId() + "]";
                require(key.keyId() != null && KEY_ID.matcher(key.keyId()).matches(), at + ": key-id is not a UUID");
                require(key.state().equals("Enabled") || key.state().equals("Disabled"),
                        at + ".state must be Enabled or Disabled");
                require((key.xksKeyId() != null) == (store.xks() != null),
                        at + ": xks-key-id is required for, and only for, keys of external key stores");
                key.aliases()
                    .forEach(alias -> require(
                            alias.startsWith("alias/") && !alias.startsWith("alias/aws/")
                                    && alias.matches(KeyFields.ALIAS_NAME_PATTERN),
                            at + ": '" + alias + "' is not an alias"));
            }
        }
    }

    private static final Pattern KEY_ID = Pattern
        .compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * A simulated account besides the default one.
     *
     * @param id the 12-digit account ID
     * @param name what the documentation and logs call it (production, staging, ...)
     * @param accessKeyId a long-term access key of the account (optional: reach it
     * through a role)
     * @param secretAccessKey the secret of that key (a public, fake value)
     */
    record Account(String id, @Nullable String name, @Nullable String accessKeyId, @Nullable String secretAccessKey) {

        @Override
        public String toString() {
            return "Account[id=" + id + ", name=" + name + ", accessKeyId=" + accessKeyId
                    + ", secretAccessKey=<redacted>]";
        }
    }

    /**
     * An IAM role that STS AssumeRole knows.
     *
     * @param arn {@code arn:aws:iam::<account>:role/<name>}; the account is the one the
     * credentials act in
     * @param trustedAccounts the trust policy: the accounts whose principals may assume
     * the role
     * @param externalId when set, the trust policy's {@code sts:ExternalId} condition:
     * AssumeRole must name it
     * @param maxSessionDuration the role's maximum session duration (1h to 12h); a longer
     * DurationSeconds is refused
     * @param deniedActions the actions ({@code service:Action}, e.g.
     * {@code cloudhsm:DescribeClusters}) the role's permissions do not allow; its
     * sessions are refused with the service's access-denied error. Only the CloudHSM
     * endpoint consults it (a custodian role without CloudHSM rights is common).
     */
    record Role(String arn, List<String> trustedAccounts, @Nullable String externalId,
            @DefaultValue("1h") Duration maxSessionDuration, List<String> deniedActions) {

        Role {
            trustedAccounts = trustedAccounts == null ? List.of() : List.copyOf(trustedAccounts);
            deniedActions = deniedActions == null ? List.of() : List.copyOf(deniedActions);
        }
    }

    /**
     * One seeded custom key store.
     *
     * @param accountId the owning account (none: {@code console.sandbox.account-id})
     * @param region the Region (none: {@code console.kms.region})
     * @param id the custom key store ID
     * @param name the custom key store name
     * @param state the connection state; CONNECTING and DISCONNECTING end after
     * {@code settles-after}
     * @param connectionErrorCode the ConnectionErrorCode of a FAILED store
     * @param settlesAfter how long after seeding a CONNECTING store becomes CONNECTED and
     * a DISCONNECTING store DISCONNECTED
     * @param creationDate the CreationDate
     * @param cloudhsm the settings of a CloudHSM key store
     * @param xks the settings of an external key store
     * @param keys the KMS keys the store holds (seeded once per account and Region, also
     * into a sandbox seeded by an earlier version)
     */
    record SeedStore(@Nullable String accountId, @Nullable String region, String id, String name, ConnectionState state,
            @Nullable String connectionErrorCode, @DefaultValue("20m") Duration settlesAfter, Instant creationDate,
            @Nullable SeedCloudHsm cloudhsm, @Nullable SeedXks xks, List<SeedKey> keys) {

        SeedStore {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }

    /**
     * One seeded KMS key.
     *
     * @param keyId the key ID (a UUID, so that the documentation can name it)
     * @param state {@code Enabled} or {@code Disabled}
     * @param xksKeyId the external key (stores of type EXTERNAL_KEY_STORE only)
     * @param aliases alias names ({@code alias/...})
     * @param tags tag keys and values
     */
    record SeedKey(String keyId, @DefaultValue("") String description, @DefaultValue("Enabled") String state,
            @Nullable String xksKeyId, List<String> aliases, Map<String, String> tags) {

        SeedKey {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }
    }

    /**
     * @param clusterId the simulated cluster (its backup family gives the trust anchor)
     * @param keyStorePassword the kmsuser password told to KMS (a fake, public value)
     */
    record SeedCloudHsm(String clusterId, String keyStorePassword) {

        @Override
        public String toString() {
            return "SeedCloudHsm[clusterId=" + clusterId + ", keyStorePassword=<redacted>]";
        }
    }

    /**
     * @param vpcEndpointServiceName for VPC_ENDPOINT_SERVICE; {@code {region}} stands for
     * the store's Region
     * @param vpcEndpointServiceOwner the service's owner (none: the store's account)
     * @param rawSecretAccessKey the XKS proxy secret (a public sandbox registration)
     */
    record SeedXks(XksConnectivity connectivity, String uriEndpoint, String uriPath,
            @Nullable String vpcEndpointServiceName, @Nullable String vpcEndpointServiceOwner, String accessKeyId,
            String rawSecretAccessKey) {

        @Override
        public String toString() {
            return "SeedXks[connectivity=" + connectivity + ", uriEndpoint=" + uriEndpoint + ", uriPath=" + uriPath
                    + ", accessKeyId=<redacted>, rawSecretAccessKey=<redacted>]";
        }
    }
}
