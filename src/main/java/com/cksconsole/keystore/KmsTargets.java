package com.cksconsole.keystore;

import org.springframework.stereotype.Component;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * The KMS targets (account and Region) the console manages. Today that is the one
 * configured under {@code console.kms.*}, reached by the application's one
 * {@code KmsClient}; several targets will be listed here.
 */
@Component
public class KmsTargets {

    private final KmsTarget defaultTarget;

    public KmsTargets(KmsProperties properties) {
        this.defaultTarget = new KmsTarget(properties.effectiveAccountId(), properties.region());
    }

    /** The configured account and Region: the target of every key store page today. */
    public KmsTarget defaultTarget() {
        return defaultTarget;
    }

    /**
     * A store of the default target, named by an ID that came from outside (a URL).
     * @throws KeyStoreNotFoundException the ID cannot name a custom key store, so there
     * is none to find
     */
    public KeyStoreRef inDefaultTarget(String keyStoreId) {
        if (!KeyStoreRef.plausibleId(keyStoreId)) {
            throw new KeyStoreNotFoundException(keyStoreId);
        }
        return new KeyStoreRef(defaultTarget, keyStoreId);
    }

}
