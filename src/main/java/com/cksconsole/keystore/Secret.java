package com.cksconsole.keystore;

/**
 * A secret typed by an operator (a CloudHSM {@code kmsuser} password or an XKS raw secret
 * access key). It travels from the form to the KMS request and nowhere else:
 * {@link #toString()} never shows it, so a log line or a template that prints the object
 * by mistake shows {@code <redacted>}. Serializable only so that a session can keep it
 * between the edit and the apply, encrypted under the browser's key
 * ({@code session.SessionVault}).
 */
public final class Secret implements java.io.Serializable {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The clear value, for the KMS request only. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "<redacted>";
    }

}
