package com.cksconsole.keys.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

import com.cksconsole.kms.KeyStoreRef;

/**
 * One-use tokens of the create-key form, against a double submit: issued with the form
 * page, kept in the user's HTTP session for one user and one store, taken at most once (a
 * double click or a replayed form finds nothing and creates no second key), expiring
 * after an hour. A refused form gets a fresh token with its errors.
 */
@Component
class KeyFormTokens {

    private static final String ATTRIBUTE = KeyFormTokens.class.getName();

    private static final Duration TTL = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    KeyFormTokens(Clock clock) {
        this.clock = clock;
    }

    private record Entry(String username, KeyStoreRef store, Instant expiresAt) {
    }

    /** Not serializable on purpose: a replicated session skips it. */
    private static final class Entries {

        private final Map<String, Entry> byToken = new ConcurrentHashMap<>();

    }

    String issue(HttpSession session, String username, KeyStoreRef store) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var entries = entries(session);
        entries.values().removeIf(entry -> !clock.instant().isBefore(entry.expiresAt()));
        entries.put(token, new Entry(username, store, clock.instant().plus(TTL)));
        return token;
    }

    /** Whether the token was live for this user and store; it is used up either way. */
    boolean take(HttpSession session, String username, KeyStoreRef store, String token) {
        Entry entry = entries(session).remove(token);
        return entry != null && entry.username().equals(username) && entry.store().equals(store)
                && clock.instant().isBefore(entry.expiresAt());
    }

    private Map<String, Entry> entries(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            var holder = (Entries) session.getAttribute(ATTRIBUTE);
            if (holder == null) {
                holder = new Entries();
                session.setAttribute(ATTRIBUTE, holder);
            }
            return holder.byToken;
        }
    }

}
