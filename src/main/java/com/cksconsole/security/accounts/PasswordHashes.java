package com.cksconsole.security.accounts;

import java.util.Objects;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The stored hash of a password. Spring Security declares {@link PasswordEncoder#encode}
 * nullable because it returns null for a null password; a password the console hashes is
 * never null, so neither is its hash.
 */
public final class PasswordHashes {

    private PasswordHashes() {
    }

    public static String hash(PasswordEncoder encoder, String password) {
        return Objects.requireNonNull(encoder.encode(password), "the encoder returned no hash for a password");
    }

}
