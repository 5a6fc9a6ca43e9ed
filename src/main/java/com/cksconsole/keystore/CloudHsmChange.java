package com.cksconsole.keystore;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreType;

/** A change of a CloudHSM key store; a null member is not sent (unchanged). */
public record CloudHsmChange(@Nullable String newName, @Nullable Secret keyStorePassword,
        @Nullable String cloudHsmClusterId) implements KeyStoreChange {

    /**
     * The change from the store as loaded to what the operator entered, where null means
     * "left empty". A typed password always counts as a change: KMS never reveals the
     * current one.
     */
    public static CloudHsmChange between(CustomKeyStore loaded, @Nullable String name, @Nullable String password,
            @Nullable String clusterId) {
        return new CloudHsmChange(name == null || name.equals(loaded.name()) ? null : name,
                password == null ? null : Secret.of(password),
                clusterId == null || clusterId.equals(loaded.cloudHsmClusterId()) ? null : clusterId);
    }

    @Override
    public KeyStoreType type() {
        return KeyStoreType.AWS_CLOUDHSM;
    }

    @Override
    public Set<UpdatableProperty> properties() {
        var properties = EnumSet.noneOf(UpdatableProperty.class);
        if (newName != null) {
            properties.add(UpdatableProperty.NAME);
        }
        if (keyStorePassword != null) {
            properties.add(UpdatableProperty.KEY_STORE_PASSWORD);
        }
        if (cloudHsmClusterId != null) {
            properties.add(UpdatableProperty.CLOUDHSM_CLUSTER_ID);
        }
        return properties;
    }

    @Override
    public String toString() {
        return "CloudHsmChange[newName=" + newName + ", keyStorePassword="
                + (keyStorePassword == null ? "unchanged" : "<redacted>") + ", cloudHsmClusterId="
                + Objects.toString(cloudHsmClusterId, "unchanged") + "]";
    }
}
