package com.cksconsole.keys;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One KMS key of a custom key store, as DescribeKey and ListAliases show it (KMS API
 * Reference, DescribeKey: KeyMetadata). Holds no key material: KMS never returns any.
 *
 * @param keyId the key ID (a UUID)
 * @param arn the key ARN
 * @param aliases the alias names pointing at the key ({@code alias/...}), sorted
 * @param description the description, empty when none
 * @param keyState {@code Enabled}, {@code Disabled}, {@code PendingDeletion} or
 * {@code Unavailable} (as KMS names it)
 * @param creationDate when the key was created
 * @param deletionDate when KMS deletes the key; only in {@code PendingDeletion}
 * @param origin {@code EXTERNAL_KEY_STORE} or {@code AWS_CLOUDHSM}
 * @param customKeyStoreId the store holding the key
 * @param xksKeyId the external key ID (XksKeyConfiguration.Id), external key stores only
 * @param cloudHsmClusterId the cluster, CloudHSM key stores only
 */
public record KmsKey(String keyId, String arn, List<String> aliases, String description, String keyState,
        @Nullable Instant creationDate, @Nullable Instant deletionDate, String origin, String customKeyStoreId,
        @Nullable String xksKeyId, @Nullable String cloudHsmClusterId) {

    public static final String ENABLED = "Enabled";

    public static final String DISABLED = "Disabled";

    public static final String PENDING_DELETION = "PendingDeletion";

    public static final String UNAVAILABLE = "Unavailable";

    /**
     * The states a key in a custom key store can have (KMS Developer Guide, key states).
     */
    public static final List<String> STATES = List.of(ENABLED, DISABLED, PENDING_DELETION, UNAVAILABLE);

    public KmsKey {
        aliases = List.copyOf(aliases);
    }

    public boolean enabled() {
        return ENABLED.equals(keyState);
    }

    public boolean pendingDeletion() {
        return PENDING_DELETION.equals(keyState);
    }

    public boolean external() {
        return "EXTERNAL_KEY_STORE".equals(origin);
    }

}
