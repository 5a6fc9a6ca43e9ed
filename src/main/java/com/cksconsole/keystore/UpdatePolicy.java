package com.cksconsole.keystore;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;

/**
 * The one rule set of which connection state KMS lets UpdateCustomKeyStore change which
 * property (KMS API Reference, CustomKeyStoreInvalidStateException; KMS API Reference,
 * UpdateCustomKeyStore). The edit form's validator, the detail page and the edit page all
 * ask here, and the service asks again right before it sends a change; the guided change
 * asks whether it can make a change the current state refuses. This installation's
 * {@code console.kms.cloudhsm-rename-while-connected} setting is applied here, once.
 *
 * <p>
 * Rules: the name may change while CONNECTED or DISCONNECTED (for CloudHSM stores only
 * while DISCONNECTED unless {@code console.kms.cloudhsm-rename-while-connected} is on,
 * KMS API Reference, UpdateCustomKeyStore (NewCustomKeyStoreName)); the XKS credential
 * and URI path may change while CONNECTED or DISCONNECTED; every other property needs
 * DISCONNECTED.
 *
 * <p>
 * Not stated by the KMS documentation (KMS API Reference,
 * CustomKeyStoreInvalidStateException; docs/sandbox.md): whether KMS accepts name, XKS
 * credential or XKS path changes while CONNECTING, DISCONNECTING or FAILED. The
 * UpdateCustomKeyStore API text says "CONNECTED or DISCONNECTED", so this console refuses
 * them in the other states: refusing costs the operator a wait or a disconnect, while
 * sending could fail half-way or be applied to a store in the middle of a transition.
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

    /** The connection state KMS needs to change this property of a store of this type. */
    public StateRequirement requirement(KeyStoreType type, UpdatableProperty property) {
        return switch (property) {
            case NAME -> type == KeyStoreType.EXTERNAL_KEY_STORE || cloudHsmRenameWhileConnected
                    ? StateRequirement.CONNECTED_OR_DISCONNECTED : StateRequirement.DISCONNECTED;
            case XKS_CREDENTIAL, XKS_URI_PATH -> StateRequirement.CONNECTED_OR_DISCONNECTED;
            default -> StateRequirement.DISCONNECTED;
        };
    }

    /**
     * The properties of a store of this type that KMS accepts a change of in this state.
     */
    public Set<UpdatableProperty> allowedIn(KeyStoreType type, ConnectionState state) {
        var allowed = EnumSet.noneOf(UpdatableProperty.class);
        for (var property : UpdatableProperty.values()) {
            if (refusal(type, property, state).isEmpty()) {
                allowed.add(property);
            }
        }
        return allowed;
    }

    /**
     * Why a change of this property is refused in this state, as a sentence for the
     * operator that says what to do instead; empty when it is allowed.
     */
    public Optional<String> refusal(KeyStoreType type, UpdatableProperty property, ConnectionState state) {
        if (!property.appliesTo(type)) {
            return Optional.of("A " + type.label() + " has no " + property.label() + ".");
        }
        if (state == ConnectionState.UNKNOWN) {
            return Optional.of("KMS reported a connection state this console does not know, so it changes "
                    + "nothing on this key store.");
        }
        var requirement = requirement(type, property);
        if (requirement.isMetBy(state)) {
            return Optional.empty();
        }
        var sentence = new StringBuilder("KMS accepts a new ").append(property.label())
            .append(" only while the key store is ")
            .append(requirement.description())
            .append(", and it is ")
            .append(state.name())
            .append(" now. ");
        if (type == KeyStoreType.AWS_CLOUDHSM && property == UpdatableProperty.NAME) {
            sentence.setLength(0);
            sentence
                .append("This console renames a CloudHSM key store only while it is DISCONNECTED (as the "
                        + "UpdateCustomKeyStore specification says), and it is ")
                .append(state.name())
                .append(" now. ");
        }
        sentence.append(whatToDo(state));
        return Optional.of(sentence.toString());
    }

    /**
     * Whether the console's guided change (disconnect, update, reconnect) can make a
     * change of this property that the current state refuses: the store is CONNECTED and
     * the property needs DISCONNECTED.
     */
    public boolean guidedChangeCan(KeyStoreType type, UpdatableProperty property, ConnectionState state) {
        return property.appliesTo(type) && state == ConnectionState.CONNECTED
                && requirement(type, property) == StateRequirement.DISCONNECTED;
    }

    private static String whatToDo(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> "Disconnect the key store first (its KMS keys cannot be used until you connect it "
                    + "again), then make this change, or make it on the edit page and let the console disconnect, "
                    + "apply and reconnect for you (a guided change).";
            case CONNECTING ->
                "Wait until the connection attempt has finished, disconnect the key store, then " + "make this change.";
            case DISCONNECTING -> "Wait until the key store is DISCONNECTED, then make this change.";
            case FAILED -> "Its last connection attempt failed: disconnect it first, then make this change.";
            default -> "Reload the key store and try again.";
        };
    }

    public Set<UpdatableProperty> allowedNow(CustomKeyStore store) {
        return store.type() == null ? Set.of() : allowedIn(store.type(), store.connectionState());
    }

    public Optional<String> refusal(CustomKeyStore store, UpdatableProperty property) {
        if (store.type() == null) {
            return Optional.of("KMS reported a key store type this console does not know, so it changes nothing "
                    + "on this key store.");
        }
        return refusal(store.type(), property, store.connectionState());
    }

    /**
     * The refusal the edit form shows: like {@link #refusal}, but empty where a guided
     * change can make the change (the store is CONNECTED and the property needs
     * DISCONNECTED).
     */
    public Optional<String> editRefusal(CustomKeyStore store, UpdatableProperty property) {
        return guidedChangeCan(store, property) ? Optional.empty() : refusal(store, property);
    }

    /**
     * Whether only a guided change (disconnect, update, reconnect) can make a change of
     * this property now.
     */
    public boolean guidedChangeCan(CustomKeyStore store, UpdatableProperty property) {
        return store.type() != null && guidedChangeCan(store.type(), property, store.connectionState());
    }

    /**
     * Whether this change needs a guided change: it is a change of the store's own type,
     * and at least one changed property needs DISCONNECTED while the store is CONNECTED
     * ({@link #guidedChangeCan(CustomKeyStore, UpdatableProperty)}). KMS accepts every
     * property of a store's own type while it is DISCONNECTED (the rules above:
     * {@link StateRequirement} always includes DISCONNECTED), so such a change can
     * succeed once the guided change has disconnected the store.
     */
    public boolean needsGuidedChange(CustomKeyStore store, KeyStoreChange change) {
        return store.type() == change.type()
                && change.properties().stream().anyMatch(property -> guidedChangeCan(store, property));
    }

    /**
     * The refusal of every property of the change that the store's current state does not
     * allow.
     */
    public Map<UpdatableProperty, String> refusals(CustomKeyStore store, KeyStoreChange change) {
        if (store.type() != change.type()) {
            throw new IllegalArgumentException(
                    "A " + change.type() + " change for " + store.id() + ", a store of type " + store.type());
        }
        var refusals = new EnumMap<UpdatableProperty, String>(UpdatableProperty.class);
        for (var property : change.properties()) {
            refusal(store, property).ifPresent(reason -> refusals.put(property, reason));
        }
        return refusals;
    }

}
