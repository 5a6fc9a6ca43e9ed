package com.cksconsole.keystore.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.session.SessionVault;

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

    /** A live token: whose, for which store, and the name the page asked for. */
    record Issued(String token, String username, KeyStoreRef store, String storeName,
            Instant expiresAt) implements StoreTokens.Entry {
    }

    private final StoreTokens<Issued> tokens;

    DeletionTokens(SessionVault vault, Clock clock) {
        this.tokens = new StoreTokens<>(DeletionTokens.class.getName(), vault, clock, TTL);
    }

    /** A new token for this user's confirmation of the deletion of this store. */
    String issue(HttpSession session, String username, KeyStoreRef store, String storeName) {
        // One live confirmation per user and store: a newer page replaces an older one.
        return tokens.issue(session, username, store,
                (token, expiresAt) -> new Issued(token, username, store, storeName, expiresAt));
    }

    /** The live token, not used up (to check the form first). */
    Optional<Issued> peek(HttpSession session, String username, KeyStoreRef store, String token) {
        return tokens.peek(session, username, store, token);
    }

    /** The live token, used up: a second take of the same token finds nothing. */
    Optional<Issued> take(HttpSession session, String username, KeyStoreRef store, String token) {
        return tokens.take(session, username, store, token);
    }

}
