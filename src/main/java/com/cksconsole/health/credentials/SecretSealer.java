package com.cksconsole.health.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import javax.crypto.AEADBadTagException;

import org.springframework.modulith.NamedInterface;

import com.cksconsole.health.credentials.internal.EnvelopeCipher;
import com.cksconsole.health.credentials.internal.KeyEncryptionKeys;
import com.cksconsole.keystore.Secret;

/**
 * Holds a secret encrypted for another feature (a credential rotation holds the new proxy
 * secret until its run ends) with the same envelope encryption and key-encryption key as
 * the monitoring credentials. The caller names a purpose and the values the ciphertext is
 * bound to (its additional authenticated data): a sealed secret opens only with the same
 * purpose and binding, so a row copied onto another run or store fails to open.
 */
@NamedInterface("sealed-secrets")
public class SecretSealer {

    private final Supplier<KeyEncryptionKeys> keys;

    private final EnvelopeCipher cipher;

    SecretSealer(Supplier<KeyEncryptionKeys> keys, EnvelopeCipher cipher) {
        this.keys = keys;
        this.cipher = cipher;
    }

    /**
     * Whether a key-encryption key is configured (or, in sandbox mode, generated):
     * without one, callers keep the secret in memory only.
     */
    public boolean available() {
        try {
            keys.get();
            return true;
        }
        catch (IllegalStateException notConfigured) {
            return false;
        }
    }

    /**
     * Encrypts {@code secret} bound to {@code purpose} and {@code binding}.
     * @throws IllegalStateException no key-encryption key is configured
     */
    public SealedSecret seal(String purpose, List<String> binding, Secret secret) {
        byte[] plaintext = secret.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            var sealed = cipher.seal(plaintext, aad(purpose, binding), keys.get().current());
            return new SealedSecret(sealed.encryptedDataKey(), sealed.kekId(), sealed.iv(), sealed.ciphertext());
        }
        finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * The secret {@link #seal} was given.
     * @throws CredentialUnreadableException its key-encryption key is not configured, or
     * the purpose, binding or ciphertext differ from those it was sealed with
     */
    public Secret open(String purpose, List<String> binding, SealedSecret sealed) {
        var kek = keys.get()
            .find(sealed.kekId())
            .orElseThrow(() -> new CredentialUnreadableException("A held secret is encrypted under the key-encryption "
                    + "key '" + sealed.kekId() + "', which is not configured"));
        byte[] plaintext;
        try {
            plaintext = cipher.open(new EnvelopeCipher.Sealed(sealed.encryptedDataKey(), sealed.kekId(), sealed.iv(),
                    sealed.ciphertext()), aad(purpose, binding), kek);
        }
        catch (AEADBadTagException e) {
            throw new CredentialUnreadableException("A held secret could not be decrypted: the key-encryption key '"
                    + sealed.kekId() + "' is not the one it was encrypted under, or it was altered or moved");
        }
        try {
            return Secret.of(new String(plaintext, StandardCharsets.UTF_8));
        }
        finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static byte[] aad(String purpose, List<String> binding) {
        var text = new StringBuilder("cks-console/sealed-secret/v1\n").append(purpose.length())
            .append(':')
            .append(purpose);
        for (String value : binding) {
            // Length-prefixed, so that no two different bindings give the same bytes.
            text.append('\n').append(value.length()).append(':').append(value);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

}
