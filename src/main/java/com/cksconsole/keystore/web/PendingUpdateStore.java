package com.cksconsole.keystore.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.PreflightResult;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * Holds changes between the edit page and the apply step, so that secrets typed on the
 * edit page reach UpdateCustomKeyStore without ever being rendered into the review page:
 * the review page carries only an opaque token. Entries live in the user's HTTP session,
 * belong to one user and one key store, expire after {@link #TTL} and can be taken once.
 * There is at most one pending change per user and key store.
 *
 * <p>
 * The session attribute is deliberately not {@link java.io.Serializable}: a servlet
 * container that persists or replicates sessions skips it instead of writing secrets to
 * disk or to the network.
 */
@Component
class PendingUpdateStore {

    /**
     * Long enough to read the review page, short enough that a forgotten tab does not
     * keep secrets.
     */
    static final Duration TTL = Duration.ofMinutes(10);

    private static final String ATTRIBUTE = PendingUpdateStore.class.getName();

    private static final int TOKEN_BYTES = 24;

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    PendingUpdateStore(Clock clock) {
        this.clock = clock;
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
        var entries = entries(session);
        entries.values().removeIf(entry -> entry.username().equals(username) && entry.store().equals(store));
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UpdateForm kept = form.withoutSecrets();
        if (kept instanceof XksUpdateForm xks) {
            kept = xks.withoutImportedSecret(); // used up on the way here: the change
                                                // itself holds the secret now
        }
        entries.put(token, new PendingUpdate(token, username, store, loaded, change, kept, clock.instant().plus(TTL),
                importSource, null));
        return token;
    }

    /**
     * Keeps the latest XKS pre-flight result with the pending change (its expiry stays as
     * it was).
     */
    Optional<PendingUpdate> recordPreflight(HttpSession session, String username, KeyStoreRef store, String token,
            PreflightResult result) {
        var entries = entries(session);
        var found = find(session, username, store, token, false);
        found.ifPresent(entry -> entries.replace(token, entry, entry.withPreflight(result)));
        return found.map(entry -> entry.withPreflight(result));
    }

    /** The pending change, without using it up (to show the review page). */
    Optional<PendingUpdate> peek(HttpSession session, String username, KeyStoreRef store, String token) {
        return find(session, username, store, token, false);
    }

    /**
     * Forgets a pending change (the operator cancelled the review); nothing if it is not
     * this user's.
     */
    void discard(HttpSession session, String username, KeyStoreRef store, String token) {
        find(session, username, store, token, true);
    }

    /** The pending change, used up: a second take with the same token finds nothing. */
    Optional<PendingUpdate> take(HttpSession session, String username, KeyStoreRef store, String token) {
        return find(session, username, store, token, true);
    }

    private Optional<PendingUpdate> find(HttpSession session, String username, KeyStoreRef store, String token,
            boolean remove) {
        var entries = entries(session);
        var now = clock.instant();
        entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
        var entry = entries.get(token);
        if (entry == null || !entry.username().equals(username) || !entry.store().equals(store)) {
            return Optional.empty();
        }
        if (remove && !entries.remove(token, entry)) {
            return Optional.empty(); // taken by a concurrent request (double submit):
                                     // only one may apply it
        }
        return Optional.of(entry);
    }

    private static Map<String, PendingUpdate> entries(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            var holder = (Entries) session.getAttribute(ATTRIBUTE);
            if (holder == null) {
                holder = new Entries();
                session.setAttribute(ATTRIBUTE, holder);
            }
            return holder.byToken;
        }
    }

    /** Not serializable on purpose (see the class comment). */
    private static final class Entries {

        private final Map<String, PendingUpdate> byToken = new ConcurrentHashMap<>();

        @Override
        public String toString() {
            return "PendingUpdates[" + byToken.size() + "]";
        }

    }

}
