package com.cksconsole.audit;

import java.util.Arrays;

/**
 * What an audit event records. Stored by name: never rename a constant, only add new
 * ones.
 */
public enum AuditAction {

    SIGN_IN("Sign-in"), SIGN_OUT("Sign-out"), SIGN_IN_LOCKED("Sign-in locked"), SESSION_ENDED("Session ended"),
    ACCESS_DENIED("Access denied"), UPDATE_CUSTOM_KEY_STORE("UpdateCustomKeyStore"),
    CONNECT_CUSTOM_KEY_STORE("ConnectCustomKeyStore"), DISCONNECT_CUSTOM_KEY_STORE("DisconnectCustomKeyStore"),
    IMPORT_PROXY_CONFIGURATION("Proxy configuration import"), CREATE_USER("User created"),
    CHANGE_USER_ROLES("User roles changed"), DISABLE_USER("User disabled"), ENABLE_USER("User enabled"),
    RESET_USER_PASSWORD("User password reset"), CHANGE_OWN_PASSWORD("Own password changed"),
    VERIFY_AUDIT_CHAIN("Audit chain verified"), EXPORT_AUDIT_LOG("Audit log exported"),
    CHECK_SECRET_FINGERPRINT("Secret fingerprint checked"), XKS_PREFLIGHT("XKS pre-flight check"),
    XKS_PREFLIGHT_OVERRIDDEN("XKS pre-flight overridden"), GUIDED_CHANGE_STARTED("Guided change started"),
    GUIDED_CHANGE_STEP("Guided change step"), GUIDED_CHANGE_ENDED("Guided change ended"),
    GUIDED_CHANGE_REQUEST("Guided change request"), SIGN_AUDIT_CHECKPOINT("Audit checkpoint signed"),
    /**
     * A Describe showed a key store whose settings differ from what the console last
     * knew, not by its doing.
     */
    CHANGED_OUTSIDE_CONSOLE("Changed outside the console"), ADD_TARGET("Target added"), CHANGE_TARGET("Target changed"),
    DISABLE_TARGET("Target disabled"), ENABLE_TARGET("Target enabled"), CHECK_TARGET("Target checked"),
    /** A user was given a role on one target, or their role there changed. */
    USER_TARGET_GRANTED("User target grant given"),
    /** A user's role on one target was taken away. */
    USER_TARGET_REVOKED("User target grant removed");

    private final String label;

    AuditAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The label of a stored action name; a name this version does not know is shown as it
     * is.
     */
    public static String labelOf(String name) {
        return Arrays.stream(values())
            .filter(a -> a.name().equals(name))
            .findFirst()
            .map(AuditAction::label)
            .orElse(name);
    }

}
