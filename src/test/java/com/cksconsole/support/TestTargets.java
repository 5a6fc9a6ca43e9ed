package com.cksconsole.support;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * The account and Region the tests' console manages (the sandbox's account, the default
 * Region).
 */
public final class TestTargets {

    public static final KmsTarget SANDBOX = new KmsTarget("111122223333", "us-east-1");

    private TestTargets() {
    }

    /** A store of {@link #SANDBOX}. */
    public static KeyStoreRef ref(String keyStoreId) {
        return new KeyStoreRef(SANDBOX, keyStoreId);
    }

}
