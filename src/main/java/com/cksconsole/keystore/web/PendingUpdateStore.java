package com.cksconsole.keystore.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.PreflightResult;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.session.SessionVault;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * Holds changes between the edit page and the apply step, so that secrets typed on the
 * edit page reach UpdateCustomKeyStore without ever being rendered into the review page:
 * the review page carries only an opaque token. Entries live in the user's HTTP session,
 * belong to one user and one key store, expire after {@link #TTL} and can be taken once.
 * There is at most one pending change per user and key store. The session keeps it
 * encrypted under a key only the browser holds ({@link SessionVault}), so that any
 * console instance can apply it and the database never holds a typed secret readable on
 * its own.
 */
@Component
class PendingUpdateStore {

    /**
     * Long enough to read the review page, short enough that a forgotten tab does not
     * keep secrets.
     */
    static final Duration TTL = Duration.ofMinutes(10);

    private final StoreTokens<PendingUpdate> tokens;

    PendingUpdateStore(SessionVault vault, Clock clock) {
        this.tokens = new StoreTokens<>(PendingUpdateStore.class.getName(), vault, clock, TTL);
    }

    /**
     * Keeps a change and returns its token, replacing any earlier pending change of this
     * user and store.
     */
    String put(HttpSession session, String username, KeyStoreRef store, CustomKeyStore loaded, KeyStoreChange change,
            UpdateForm form) {
        return put(session, username, store, loaded, change, form, null);
    }

    /**
     * Like
     * {@link #put(HttpSession, String, KeyStoreRef, CustomKeyStore, KeyStoreChange, UpdateForm)},
     * for a change with values imported from a proxy configuration file, whose name, size
     * and SHA-256 travel with it.
     */
    String put(HttpSession session, String username, KeyStoreRef store, CustomKeyStore loaded, KeyStoreChange change,
            UpdateForm form, @Nullable ProxyConfigurationSource importSource) {
        return put(session, username, store, loaded, change, form, importSource, null);
    }

    /**
     * Keeps the change of an approved request, rebuilt with the secrets the executor
     * entered again, for its review page: confirming it executes the request.
     */
    String putApproved(HttpSession session, String username, KeyStoreRef store, CustomKeyStore loaded,
            KeyStoreChange change, UpdateForm form, String approval) {
        return put(session, username, store, loaded, change, form, null, approval);
    }

    private String put(HttpSession session, String username, KeyStoreRef store, CustomKeyStore loaded,
            KeyStoreChange change, UpdateForm form, @Nullable ProxyConfigurationSource importSource,
            @Nullable String approval) {
        UpdateForm withoutSecrets = form.withoutSecrets();
        // An imported secret is used up on the way here: the change itself holds it now.
        UpdateForm kept = withoutSecrets instanceof XksUpdateForm xks ? xks.withoutImportedSecret() : withoutSecrets;
        return tokens.issue(session, username, store, (token, expiresAt) -> new PendingUpdate(token, username, store,
                loaded, change, kept, expiresAt, importSource, null, approval));
    }

    /**
     * Keeps the latest XKS pre-flight result with the pending change (its expiry stays as
     * it was).
     */
    Optional<PendingUpdate> recordPreflight(HttpSession session, String username, KeyStoreRef store, String token,
            PreflightResult result) {
        var found = tokens.peek(session, username, store, token);
        found.ifPresent(entry -> tokens.replace(session, token, entry.withPreflight(result)));
        return found.map(entry -> entry.withPreflight(result));
    }

    /** The pending change, without using it up (to show the review page). */
    Optional<PendingUpdate> peek(HttpSession session, String username, KeyStoreRef store, String token) {
        return tokens.peek(session, username, store, token);
    }

    /**
     * Forgets a pending change (the operator cancelled the review); nothing if it is not
     * this user's.
     */
    void discard(HttpSession session, String username, KeyStoreRef store, String token) {
        tokens.take(session, username, store, token);
    }

    /** The pending change, used up: a second take with the same token finds nothing. */
    Optional<PendingUpdate> take(HttpSession session, String username, KeyStoreRef store, String token) {
        return tokens.take(session, username, store, token);
    }

}
