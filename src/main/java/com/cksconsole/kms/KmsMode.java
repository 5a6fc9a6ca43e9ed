package com.cksconsole.kms;

/** Which KMS the console talks to. */
public enum KmsMode {

    /**
     * The embedded KMS sandbox served by this application at {@code /sandbox/kms}; no AWS
     * account needed.
     */
    SANDBOX,
    /** Real regional AWS KMS, with the default AWS credential provider chain. */
    AWS

}
