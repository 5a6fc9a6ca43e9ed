package com.cksconsole.keystore.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import jakarta.servlet.http.HttpSession;

import org.springframework.web.util.WebUtils;

import com.cksconsole.kms.KeyStoreRef;

/**
 * One-use tokens a page carries for an action on one key store, each with what the action
 * needs kept on the server: in the user's HTTP session, one user and one store per token,
 * at most one live token per user and store (a newer page replaces an older one),
 * expiring after a time to live, and taken at most once (a double click or a replayed
 * form finds nothing). The session attribute is deliberately not
 * {@link java.io.Serializable}: a servlet container that persists or replicates sessions
 * skips it instead of writing secrets to disk or to the network. Used by
 * {@link PendingUpdateStore} and {@link DeletionTokens}.
 *
 * @param <E> what a token stands for
 */
final class StoreTokens<E extends StoreTokens.Entry> {

    private static final int TOKEN_BYTES = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String attribute;

    private final Clock clock;

    private final Duration ttl;

    StoreTokens(String attribute, Clock clock, Duration ttl) {
        this.attribute = attribute;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * A new token for this user and store, replacing any earlier one of theirs.
     * @param entry what the token stands for, from the token and its expiry
     */
    String issue(HttpSession session, String username, KeyStoreRef store, BiFunction<String, Instant, E> entry) {
        var entries = entries(session);
        entries.values().removeIf(held -> held.username().equals(username) && held.store().equals(store));
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        entries.put(token, entry.apply(token, clock.instant().plus(ttl)));
        return token;
    }

    /** The live entry, not used up. */
    Optional<E> peek(HttpSession session, String username, KeyStoreRef store, String token) {
        return find(session, username, store, token, false);
    }

    /** The live entry, used up: a second take of the same token finds nothing. */
    Optional<E> take(HttpSession session, String username, KeyStoreRef store, String token) {
        return find(session, username, store, token, true);
    }

    /** Replaces a live entry with a changed one (its expiry as the change says). */
    void replace(HttpSession session, String token, E entry, E changed) {
        entries(session).replace(token, entry, changed);
    }

    private Optional<E> find(HttpSession session, String username, KeyStoreRef store, String token, boolean remove) {
        var entries = entries(session);
        var now = clock.instant();
        entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
        var entry = entries.get(token);
        if (entry == null || !entry.username().equals(username) || !entry.store().equals(store)) {
            return Optional.empty();
        }
        if (remove && !entries.remove(token, entry)) {
            return Optional.empty(); // taken by a concurrent request (double submit):
                                     // only one may use it
        }
        return Optional.of(entry);
    }

    @SuppressWarnings("unchecked")
    private Map<String, E> entries(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            var holder = (Entries<E>) session.getAttribute(attribute);
            if (holder == null) {
                holder = new Entries<>();
                session.setAttribute(attribute, holder);
            }
            return holder.byToken;
        }
    }

    /** What every token's entry has: whose, for which store, until when. */
    interface Entry {

        String username();

        KeyStoreRef store();

        Instant expiresAt();

    }

    /** Not serializable on purpose (see the class comment). */
    private static final class Entries<E> {

        private final Map<String, E> byToken = new ConcurrentHashMap<>();

        @Override
        public String toString() {
            return "StoreTokens[" + byToken.size() + "]";
        }

    }

}
