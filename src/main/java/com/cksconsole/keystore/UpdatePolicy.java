package com.cksconsole.keystore;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;

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

    /**
     * The refusal the edit form shows: like {@link #refusal}, but empty where a guided change can make the
     * change (the store is CONNECTED and the property needs DISCONNECTED).
     */
    public Optional<String> editRefusal(CustomKeyStore store, UpdatableProperty property) {
        return guidedChangeCan(store, property) ? Optional.empty() : refusal(store, property);
    }

    /** Whether only a guided change (disconnect, update, reconnect) can make a change of this property now. */
    public boolean guidedChangeCan(CustomKeyStore store, UpdatableProperty property) {
        return store.type() != null && UpdatableProperties.guidedChangeCan(store.type(), property,
                store.connectionState(), cloudHsmRenameWhileConnected);
    }

    /**
     * Whether this change needs a guided change: the store is CONNECTED, at least one changed property needs
     * DISCONNECTED, and KMS would accept every changed property once the store is DISCONNECTED.
     */
    public boolean needsGuidedChange(CustomKeyStore store, KeyStoreChange change) {
        if (store.type() == null || store.type() != change.type()
                || store.connectionState() != ConnectionState.CONNECTED) {
            return false;
        }
        boolean needsDisconnected = false;
        for (var property : change.properties()) {
            if (UpdatableProperties.refusal(store.type(), property, ConnectionState.DISCONNECTED,
                    cloudHsmRenameWhileConnected).isPresent()) {
                return false;
            }
            needsDisconnected |= guidedChangeCan(store, property);
        }
        return needsDisconnected;
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
