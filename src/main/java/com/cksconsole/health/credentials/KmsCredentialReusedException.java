package com.cksconsole.health.credentials;

import com.cksconsole.kms.KeyStoreRef;

/**
 * Refused: the monitoring credential has the access key ID of the credential KMS uses for
 * the store. The console must never hold KMS's credential (issue 17: "never the one KMS
 * uses"); the XKS proxy API specification lets a proxy accept a second credential for it.
 */
public class KmsCredentialReusedException extends RuntimeException {

    KmsCredentialReusedException(KeyStoreRef store, String accessKeyId) {
        super("Access key ID " + accessKeyId + " is the one KMS uses for " + store
                + " (XksProxyConfiguration AccessKeyId): give the console a second credential of the proxy");
    }

}
