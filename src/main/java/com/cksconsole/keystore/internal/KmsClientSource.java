package com.cksconsole.keystore.internal;

import software.amazon.awssdk.services.kms.KmsClient;

import com.cksconsole.kms.KmsTarget;

/** The {@link KmsClient} that reaches one account and Region. */
@FunctionalInterface
public interface KmsClientSource {

    /**
     * @throws com.cksconsole.keystore.KmsCallException the console does not reach this
     * target
     */
    KmsClient client(KmsTarget target);

    /**
     * Drops the target's client and credentials, so that the next call signs with fresh
     * credentials.
     */
    default void renew(KmsTarget target) {
    }

    /** One client for every target (tests that talk to one account and Region). */
    static KmsClientSource only(KmsClient client) {
        return target -> client;
    }

}
