package com.cksconsole.sandbox.xksproxy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;

/**
 * The AES-256 material of the sandbox's external keys, derived from
 * {@code console.sandbox.xks-proxy.key-material-seed}: HMAC-SHA256(seed,
 * "sandbox-xks-key" NUL prefix NUL externalKeyId). Deterministic, so a key encrypts and
 * decrypts the same after a restart and on every instance, and distinct per prefix and
 * ID. Neither the seed nor a key ever leaves this class except as a {@link SecretKey}.
 */
@Component
@ConditionalOnSandboxMode
class ExternalKeyMaterial {

    private static final String HMAC = "HmacSHA256";

    private final byte[] seed;

    ExternalKeyMaterial(SandboxXksProxyProperties properties) {
        this.seed = properties.keyMaterialSeed().getBytes(StandardCharsets.UTF_8);
    }

    SecretKey aes256(String prefix, String externalKeyId) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            // An empty seed only happens when no registration lists keys (the registry
            // refuses it otherwise); HMAC needs a non-empty key, so pad it.
            mac.init(new SecretKeySpec(seed.length == 0 ? new byte[1] : seed, HMAC));
            byte[] material = mac
                .doFinal(("sandbox-xks-key\0" + prefix + "\0" + externalKeyId).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(material, "AES");
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ExternalKeyMaterial[seed=<redacted>]";
    }

}
