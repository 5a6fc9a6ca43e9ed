package com.cksconsole.keystore;

import java.io.Serializable;

/** An XKS proxy authentication credential: KMS takes both parts together, always. */
public record XksCredential(String accessKeyId, Secret rawSecretAccessKey) implements Serializable {

    @Override
    public String toString() {
        return "XksCredential[accessKeyId=" + accessKeyId + ", rawSecretAccessKey=<redacted>]";
    }
}
