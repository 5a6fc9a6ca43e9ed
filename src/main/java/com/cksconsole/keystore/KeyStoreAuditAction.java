package com.cksconsole.keystore;

import java.util.List;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditVocabulary;

/**
 * What the audit log records of custom key stores: the KMS calls, the XKS pre-flight
 * checks, guided changes, proxy configuration imports and changes seen outside the
 * console. Stored by name in the audit log (rows, hash chain, exports): never rename a
 * constant, only add new ones, with a name no other feature uses.
 */
public enum KeyStoreAuditAction implements AuditAction {

    UPDATE_CUSTOM_KEY_STORE("UpdateCustomKeyStore"), CONNECT_CUSTOM_KEY_STORE("ConnectCustomKeyStore"),
    DISCONNECT_CUSTOM_KEY_STORE("DisconnectCustomKeyStore"), IMPORT_PROXY_CONFIGURATION("Proxy configuration import"),
    XKS_PREFLIGHT("XKS pre-flight check"), XKS_PREFLIGHT_OVERRIDDEN("XKS pre-flight overridden"),
    GUIDED_CHANGE_STARTED("Guided change started"), GUIDED_CHANGE_STEP("Guided change step"),
    GUIDED_CHANGE_ENDED("Guided change ended"), GUIDED_CHANGE_REQUEST("Guided change request"),
    /**
     * A Describe showed a key store whose settings differ from what the console last
     * knew, not by its doing.
     */
    CHANGED_OUTSIDE_CONSOLE("Changed outside the console"),
    /** A CreateCustomKeyStore sent, or refused by the console before it was sent. */
    CREATE_CUSTOM_KEY_STORE("CreateCustomKeyStore"),
    /** DeleteCustomKeyStore, or a deletion the console refused before sending it. */
    DELETE_CUSTOM_KEY_STORE("DeleteCustomKeyStore");

    private final String label;

    KeyStoreAuditAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The key store vocabulary, for {@link com.cksconsole.audit.AuditActions}. */
    public static final class Vocabulary implements AuditVocabulary {

        @Override
        public List<KeyStoreAuditAction> actions() {
            return List.of(values());
        }

    }

}
