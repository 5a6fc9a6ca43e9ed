package com.cksconsole.health.credentials;

import java.util.List;
import java.util.Optional;

import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.SecretSealing;

/**
 * The keystore module's {@link SecretSealing} port over {@link SecretSealer}: the same
 * envelope encryption and key-encryption key as the monitoring credentials, for the
 * secrets a guided change holds until its update step (the keystore module cannot depend
 * on this one, which depends on it).
 */
final class SealingForKeyStores implements SecretSealing {

    private final SecretSealer sealer;

    SealingForKeyStores(SecretSealer sealer) {
        this.sealer = sealer;
    }

    @Override
    public boolean available() {
        return sealer.available();
    }

    @Override
    public Sealed seal(String purpose, List<String> binding, Secret secret) {
        var sealed = sealer.seal(purpose, binding, secret);
        return new Sealed(sealed.encryptedDataKey(), sealed.kekId(), sealed.iv(), sealed.ciphertext());
    }

    @Override
    public Optional<Secret> open(String purpose, List<String> binding, Sealed sealed) {
        try {
            return Optional.of(sealer.open(purpose, binding,
                    new SealedSecret(sealed.encryptedDataKey(), sealed.kekId(), sealed.iv(), sealed.ciphertext())));
        }
        catch (CredentialUnreadableException | IllegalStateException unreadable) {
            // Its key-encryption key is not configured here, or the value was altered or
            // moved: the caller asks for the secret again, as after a restart without
            // one.
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "SealingForKeyStores";
    }

}
