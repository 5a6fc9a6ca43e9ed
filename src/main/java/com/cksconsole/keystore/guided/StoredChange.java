package com.cksconsole.keystore.guided;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksCredential;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.XksConnectivity;

import tools.jackson.databind.json.JsonMapper;

/**
 * The part of a change a guided change may write to its database row: every member except
 * the secret. A change with a new KeyStorePassword or XKS credential has
 * {@code secretNeeded}; the secret itself is held apart ({@link RunSecrets}: sealed in
 * the run's row, or in memory only without a key-encryption key, and then given again
 * after a restart).
 *
 * @param accessKeyId the new XKS access key ID, when the credential changes
 */
record StoredChange(KeyStoreType type, @Nullable String newName, @Nullable String cloudHsmClusterId,
        @Nullable String uriEndpoint, @Nullable String uriPath, @Nullable XksConnectivity connectivity,
        @Nullable String vpcEndpointServiceName, @Nullable String vpcEndpointServiceOwner, @Nullable String accessKeyId,
        boolean secretNeeded) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static StoredChange of(KeyStoreChange change) {
        if (change instanceof CloudHsmChange hsm) {
            return new StoredChange(KeyStoreType.AWS_CLOUDHSM, hsm.newName(), hsm.cloudHsmClusterId(), null, null, null,
                    null, null, null, hsm.keyStorePassword() != null);
        }
        var xks = (XksChange) change;
        return new StoredChange(KeyStoreType.EXTERNAL_KEY_STORE, xks.newName(), null, xks.uriEndpoint(), xks.uriPath(),
                xks.connectivity(), xks.vpcEndpointServiceName(), xks.vpcEndpointServiceOwner(),
                xks.credential() == null ? null : xks.credential().accessKeyId(), xks.credential() != null);
    }

    /**
     * The change to send.
     * @param secret the change's secret; required when {@link #secretNeeded()}
     */
    KeyStoreChange toChange(@Nullable Secret secret) {
        if (secretNeeded && secret == null) {
            throw new IllegalStateException("this change needs its secret");
        }
        if (type == KeyStoreType.AWS_CLOUDHSM) {
            return new CloudHsmChange(newName, secretNeeded ? secret : null, cloudHsmClusterId);
        }
        return new XksChange(newName, uriEndpoint, uriPath, connectivity, vpcEndpointServiceName,
                vpcEndpointServiceOwner,
                secretNeeded ? new XksCredential(
                        Objects.requireNonNull(accessKeyId, "a stored credential change has its access key ID"),
                        Objects.requireNonNull(secret)) : null);
    }

    /** What the secret is, for the page that asks for it again. */
    String secretLabel() {
        return type == KeyStoreType.AWS_CLOUDHSM ? "key store password (the kmsuser password)"
                : "secret access key of access key ID " + accessKeyId;
    }

    String toJson() {
        return JSON.writeValueAsString(this);
    }

    static StoredChange fromJson(String json) {
        return JSON.readValue(json, StoredChange.class);
    }
}
