package com.cksconsole.keystore;

/** An XKS proxy authentication credential: KMS takes both parts together, always. */
public record XksCredential(String accessKeyId, Secret rawSecretAccessKey) {

    @Override
    public String toString() {
        return "XksCredential[accessKeyId=" + accessKeyId + ", rawSecretAccessKey=<redacted>]";
    }
}
