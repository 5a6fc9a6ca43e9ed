package com.cksconsole.keystore.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.servlet.http.HttpSession;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.session.SessionVault;

/**
 * One-use tokens a page carries for an action on one key store, each with what the action
 * needs kept on the server: in the user's session, one user and one store per token, at
 * most one live token per user and store (a newer page replaces an older one), expiring
 * after a time to live, and taken at most once, on any instance (a double click or a
 * replayed form finds nothing). The entries are kept through {@link SessionVault}:
 * encrypted under a key only the browser holds, so the session row in the database never
 * holds a secret readable on its own. Used by {@link PendingUpdateStore} and
 * {@link DeletionTokens}.
 *
 * @param <E> what a token stands for
 */
final class StoreTokens<E extends StoreTokens.Entry> {

    private static final int TOKEN_BYTES = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String attribute;

    private final SessionVault vault;

    private final Clock clock;

    private final Duration ttl;

    StoreTokens(String attribute, SessionVault vault, Clock clock, Duration ttl) {
        this.attribute = attribute;
        this.vault = vault;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * A new token for this user and store, replacing any earlier one of theirs.
     * @param entry what the token stands for, from the token and its expiry
     */
    String issue(HttpSession session, String username, KeyStoreRef store, BiFunction<String, Instant, E> entry) {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var issued = entry.apply(token, clock.instant().plus(ttl));
        return update(session, entries -> {
            entries.values().removeIf(held -> held.username().equals(username) && held.store().equals(store));
            entries.put(token, issued);
            return token;
        });
    }

    /**
     * The live entry, not used up. Only reads the session: a request that cannot open it
     * (without the browser's key) changes nothing.
     */
    @SuppressWarnings("unchecked")
    Optional<E> peek(HttpSession session, String username, KeyStoreRef store, String token) {
        var now = clock.instant();
        return vault.read(session, attribute, HashMap.class)
            .map(entries -> (E) entries.get(token))
            .filter(entry -> now.isBefore(entry.expiresAt()) && entry.username().equals(username)
                    && entry.store().equals(store));
    }

    /**
     * The live entry, used up: a second take of the same token finds nothing, on this
     * instance or another.
     */
    Optional<E> take(HttpSession session, String username, KeyStoreRef store, String token) {
        return takeFromSession(session, username, store, token)
            .filter(entry -> vault.useOnce(attribute + ":" + token, entry.expiresAt()));
    }

    /**
     * Replaces a live entry with a changed one (its expiry as the change says); nothing
     * when the token was used or replaced meanwhile.
     */
    void replace(HttpSession session, String token, E changed) {
        update(session, entries -> entries.computeIfPresent(token, (key, current) -> changed));
    }

    private Optional<E> takeFromSession(HttpSession session, String username, KeyStoreRef store, String token) {
        var now = clock.instant();
        return update(session, entries -> {
            entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
            var entry = entries.get(token);
            if (entry == null || !entry.username().equals(username) || !entry.store().equals(store)) {
                return Optional.empty();
            }
            entries.remove(token);
            return Optional.of(entry);
        });
    }

    @SuppressWarnings("unchecked")
    private <R> R update(HttpSession session, Function<HashMap<String, E>, R> change) {
        return vault.update(session, attribute, HashMap.class, HashMap::new,
                entries -> change.apply((HashMap<String, E>) entries));
    }

    /**
     * What every token's entry has: whose, for which store, until when. Serializable to
     * be kept, encrypted, in the session.
     */
    interface Entry extends Serializable {

        String username();

        KeyStoreRef store();

        Instant expiresAt();

    }

}
