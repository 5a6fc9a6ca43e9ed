package com.cksconsole.kms;

import java.io.Serializable;

/**
 * One custom key store: its ID within the account and Region that hold it. A custom key
 * store ID is unique only within one account and Region, so the ID never travels alone
 * between the console's classes.
 *
 * @param keyStoreId the custom key store ID, e.g. {@code cks-1234567890abcdef0}; checked
 * against {@link KmsField#CUSTOM_KEY_STORE_ID} as KMS checks the {@code CustomKeyStoreId}
 * request member (<a href=
 * "https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeCustomKeyStores.html">
 * DescribeCustomKeyStores</a>)
 */
public record KeyStoreRef(KmsTarget target, String keyStoreId) implements Serializable {

    public KeyStoreRef {
        var violation = KmsField.CUSTOM_KEY_STORE_ID.violation(keyStoreId);
        if (violation.isPresent()) {
            throw new IllegalArgumentException("Not a custom key store ID: " + violation.get());
        }
    }

    /**
     * Whether {@code keyStoreId} could name a custom key store (so that a made-up ID is
     * refused early).
     */
    public static boolean plausibleId(String keyStoreId) {
        return KmsField.CUSTOM_KEY_STORE_ID.violation(keyStoreId).isEmpty();
    }

    /** {@code 111122223333/eu-west-1/cks-1234567890abcdef0}. */
    @Override
    public String toString() {
        return target + "/" + keyStoreId;
    }
}
