package com.cksconsole.keystore;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@link UpdatableProperties} with this installation's {@code console.kms.cloudhsm-rename-while-connected}
 * setting applied, for the pages and the service.
 */
@Component
public class UpdatePolicy {

    private final boolean cloudHsmRenameWhileConnected;

    @Autowired
    public UpdatePolicy(KmsProperties properties) {
        this(properties.cloudhsmRenameWhileConnected());
    }

    public UpdatePolicy(boolean cloudHsmRenameWhileConnected) {
        this.cloudHsmRenameWhileConnected = cloudHsmRenameWhileConnected;
    }

    public StateRequirement requirement(KeyStoreType type, UpdatableProperty property) {
        return UpdatableProperties.requirement(type, property, cloudHsmRenameWhileConnected);
    }

    public Set<UpdatableProperty> allowedNow(CustomKeyStore store) {
        return store.type() == null
                ? Set.of()
                : UpdatableProperties.allowedIn(store.type(), store.connectionState(), cloudHsmRenameWhileConnected);
    }

    public Optional<String> refusal(CustomKeyStore store, UpdatableProperty property) {
        if (store.type() == null) {
            return Optional.of("KMS reported a key store type this console does not know, so it changes nothing "
                    + "on this key store.");
        }
        return UpdatableProperties.refusal(store.type(), property, store.connectionState(),
                cloudHsmRenameWhileConnected);
    }

    /** The refusal of every property of the change that the store's current state does not allow. */
    public Map<UpdatableProperty, String> refusals(CustomKeyStore store, KeyStoreChange change) {
        if (store.type() != change.type()) {
            throw new IllegalArgumentException("A " + change.type() + " change for " + store.id()
                    + ", a store of type " + store.type());
        }
        var refusals = new EnumMap<UpdatableProperty, String>(UpdatableProperty.class);
        for (var property : change.properties()) {
            refusal(store, property).ifPresent(reason -> refusals.put(property, reason));
        }
        return refusals;
    }
}
