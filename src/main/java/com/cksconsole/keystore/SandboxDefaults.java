package com.cksconsole.keystore;

/**
 * Default credentials of the embedded KMS sandbox. They are fake, public and documented in README; they
 * only open the sandbox endpoint of a console running on the operator's own machine.
 */
public final class SandboxDefaults {

    public static final String ACCESS_KEY_ID = "AKIDSANDBOXFAKE00001";
    public static final String SECRET_ACCESS_KEY = "sandbox/secret/not-for-production/000000";

    private SandboxDefaults() {
    }
}
