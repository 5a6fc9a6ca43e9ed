package com.cksconsole.keystore.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

import com.cksconsole.kms.KeyStoreRef;

/**
 * The one-use tokens of the delete confirmation: the page carries one, and a deletion is
 * sent only for a token taken here, once. A double click or a replayed form finds its
 * token used and sends nothing. Tokens live in the user's HTTP session, belong to one
 * user and one key store, remember the store's name as the page showed it (the name the
 * operator must type), and expire after {@link #TTL}. A newer page replaces an older
 * one's token; a form with a wrong name keeps its token (nothing was sent), so the
 * operator can correct the name.
 */
@Component
class DeletionTokens {

    /** Long enough to read the page and type the name. */
    static final Duration TTL = Duration.ofMinutes(10);

    private static final String ATTRIBUTE = DeletionTokens.class.getName();

    private static final int TOKEN_BYTES = 24;

    /** A live token: whose, for which store, and the name the page asked for. */
    record Issued(String token, String username, KeyStoreRef store, String storeName, Instant expiresAt) {
    }

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    DeletionTokens(Clock clock) {
        this.clock = clock;
    }

    /** A new token for this user's confirmation of the deletion of this store. */
    String issue(HttpSession session, String username, KeyStoreRef store, String storeName) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var entries = entries(session);
        // One live confirmation per user and store: a newer page replaces an older one.
        entries.values().removeIf(entry -> entry.username().equals(username) && entry.store().equals(store));
        entries.put(token, new Issued(token, username, store, storeName, clock.instant().plus(TTL)));
        return token;
    }

    /** The live token, not used up (to check the form first). */
    Optional<Issued> peek(HttpSession session, String username, KeyStoreRef store, String token) {
        return find(session, username, store, token, false);
    }

    /** The live token, used up: a second take of the same token finds nothing. */
    Optional<Issued> take(HttpSession session, String username, KeyStoreRef store, String token) {
        return find(session, username, store, token, true);
    }

    private Optional<Issued> find(HttpSession session, String username, KeyStoreRef store, String token,
            boolean remove) {
        var entries = entries(session);
        var now = clock.instant();
        entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
        var entry = entries.get(token);
        if (entry == null || !entry.username().equals(username) || !entry.store().equals(store)) {
            return Optional.empty();
        }
        if (remove && !entries.remove(token, entry)) {
            return Optional.empty(); // taken by a concurrent request (double submit)
        }
        return Optional.of(entry);
    }

    private static Map<String, Issued> entries(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            var holder = (Entries) session.getAttribute(ATTRIBUTE);
            if (holder == null) {
                holder = new Entries();
                session.setAttribute(ATTRIBUTE, holder);
            }
            return holder.byToken;
        }
    }

    /**
     * Not serializable, like the pending updates' holder: a token is worth nothing after
     * a restart, and the page then says so.
     */
    private static final class Entries {

        private final Map<String, Issued> byToken = new ConcurrentHashMap<>();

        @Override
        public String toString() {
            return "DeletionTokens[" + byToken.size() + "]";
        }

    }

}
