package com.cksconsole.xks;

/**
 * The SigV4 credential KMS uses to sign requests to an XKS proxy. The secret never
 * appears in toString.
 */
public record XksProxyCredential(String accessKeyId, String rawSecretAccessKey) {

    @Override
    public String toString() {
        return "XksProxyCredential[accessKeyId=<redacted>, rawSecretAccessKey=<redacted>]";
    }
}
