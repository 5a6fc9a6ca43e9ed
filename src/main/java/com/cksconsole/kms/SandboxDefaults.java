package com.cksconsole.kms;

/**
 * Defaults of the embedded KMS sandbox as the console sees it from outside. They are
 * fake, public and documented in docs/sandbox.md; they only open the sandbox endpoint of
 * a console running on the operator's own machine.
 */
public final class SandboxDefaults {

    public static final String ACCESS_KEY_ID = "AKIDSANDBOXFAKE00001";

    public static final String SECRET_ACCESS_KEY = "sandbox/secret/not-for-production/000000";

    /** The one AWS account the sandbox simulates. */
    public static final String ACCOUNT_ID = "111122223333";

    private SandboxDefaults() {
    }

}
