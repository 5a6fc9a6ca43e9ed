package com.cksconsole.keys.web;

import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.function.Function;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.session.SessionVault;

/**
 * One-use tokens of the create-key form, against a double submit: issued with the form
 * page, kept in the user's session for one user and one store, taken at most once on any
 * instance (a double click or a replayed form finds nothing and creates no second key),
 * expiring after an hour. A refused form gets a fresh token with its errors.
 */
@Component
class KeyFormTokens {

    private static final String ATTRIBUTE = KeyFormTokens.class.getName();

    private static final Duration TTL = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionVault vault;

    private final Clock clock;

    KeyFormTokens(SessionVault vault, Clock clock) {
        this.vault = vault;
        this.clock = clock;
    }

    private record Entry(String username, KeyStoreRef store, Instant expiresAt) implements Serializable {
    }

    String issue(HttpSession session, String username, KeyStoreRef store) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var now = clock.instant();
        return entries(session, entries -> {
            entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
            entries.put(token, new Entry(username, store, now.plus(TTL)));
            return token;
        });
    }

    /** Whether the token was live for this user and store; it is used up either way. */
    boolean take(HttpSession session, String username, KeyStoreRef store, String token) {
        Entry entry = entries(session, entries -> entries.remove(token));
        return entry != null && entry.username().equals(username) && entry.store().equals(store)
                && clock.instant().isBefore(entry.expiresAt())
                && vault.useOnce(ATTRIBUTE + ":" + token, entry.expiresAt());
    }

    @SuppressWarnings("unchecked")
    private <R> R entries(HttpSession session, Function<HashMap<String, Entry>, R> change) {
        return vault.update(session, ATTRIBUTE, HashMap.class, HashMap::new,
                entries -> change.apply((HashMap<String, Entry>) entries));
    }

}
