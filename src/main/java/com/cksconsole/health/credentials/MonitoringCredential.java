package com.cksconsole.health.credentials;

import org.springframework.modulith.NamedInterface;

import com.cksconsole.keystore.Secret;
import com.cksconsole.kms.KmsField;

/**
 * An XKS proxy authentication credential the console monitors a proxy with. Both parts
 * follow the rules KMS applies to {@code XksProxyAuthenticationCredential} (KMS API
 * Reference, CreateCustomKeyStore): an access key ID of 20 to 30 characters A-Z and 2-7,
 * a raw secret access key of 43 to 64 characters of Base64. The proxy checks a monitoring
 * credential as it checks KMS's, so it must have the same shape.
 */
@NamedInterface("monitoring-credentials")
public record MonitoringCredential(String accessKeyId, Secret secretAccessKey) {

    public MonitoringCredential {
        KmsField.XKS_ACCESS_KEY_ID.violation(accessKeyId).ifPresent(violation -> {
            throw new IllegalArgumentException("Not an XKS proxy access key ID: " + violation);
        });
        // The value is sensitive: the message names the rule only, never the value.
        KmsField.XKS_RAW_SECRET_ACCESS_KEY.violation(secretAccessKey.reveal()).ifPresent(violation -> {
            throw new IllegalArgumentException("Not an XKS proxy secret access key: " + violation);
        });
    }

    @Override
    public String toString() {
        return "MonitoringCredential[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>]";
    }
}
