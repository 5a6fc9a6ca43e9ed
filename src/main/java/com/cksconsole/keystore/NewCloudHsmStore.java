package com.cksconsole.keystore;

import com.cksconsole.kms.KmsTarget;

/**
 * A CloudHSM key store to create (KMS API Reference, CreateCustomKeyStore with
 * {@code CustomKeyStoreType} AWS_CLOUDHSM) in one account and Region.
 *
 * @param trustAnchorCertificate the PEM of the cluster's {@code customerCA.crt}
 * @param keyStorePassword the {@code kmsuser} password (KMS only learns it; it does not
 * change it)
 */
public record NewCloudHsmStore(KmsTarget target, String name, String cloudHsmClusterId, String trustAnchorCertificate,
        Secret keyStorePassword) {

    @Override
    public String toString() {
        return "NewCloudHsmStore[target=" + target + ", name=" + name + ", cloudHsmClusterId=" + cloudHsmClusterId
                + ", keyStorePassword=<redacted>]";
    }

}
