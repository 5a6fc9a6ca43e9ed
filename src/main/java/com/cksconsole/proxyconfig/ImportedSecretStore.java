package com.cksconsole.proxyconfig;

import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.cksconsole.session.SessionVault;

/**
 * Holds a RawSecretAccessKey imported from a proxy configuration file on the server, so
 * that it never round-trips through the browser: the form carries only the opaque handle
 * {@link #hold} returns.
 *
 * <p>
 * Each secret is kept in the session that imported it, bound to its user and custom key
 * store, handed out at most once ({@link #takeWhen}, once across every console instance)
 * and for at most {@code console.proxy-config.secret-ttl} (10 minutes by default). It is
 * also removed on cancel ({@link #discard}), with the session (sign-out, timeout), and
 * from the user's other sessions when they sign out ({@link ImportedSecretCleanup}). The
 * session keeps it through {@link SessionVault}: encrypted under a key only the browser
 * holds, so any instance can use it and the database never holds it readable.
 */
@Component
public class ImportedSecretStore {

    private static final Logger log = LoggerFactory.getLogger(ImportedSecretStore.class);

    /** The session attribute that holds a session's imported secrets, encrypted. */
    static final String ATTRIBUTE = ImportedSecretStore.class.getName();

    private static final int HANDLE_BYTES = 16; // 128 bits

    private final SecureRandom random = new SecureRandom();

    private final SessionVault vault;

    private final Duration ttl;

    private final Clock clock;

    public ImportedSecretStore(SessionVault vault, ProxyConfigurationProperties properties, Clock clock) {
        this.vault = vault;
        this.ttl = properties.secretTtl();
        this.clock = clock;
    }

    /**
     * Keeps {@code rawSecretAccessKey} in this session for the given user and key store,
     * replacing any secret pending for the same three, and returns the handle the form
     * may carry instead of the secret. Keeps the facts about where the secret came from
     * (file name, size, SHA-256; never content) with it, so that the step that uses the
     * secret can record them.
     * @return an opaque, URL-safe random handle (128 bits)
     */
    public String hold(HttpSession session, String username, String customKeyStoreId, String rawSecretAccessKey,
            @Nullable ProxyConfigurationSource source) {
        byte[] bytes = new byte[HANDLE_BYTES];
        random.nextBytes(bytes);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        entries(session, entries -> {
            entries.values()
                .removeIf(entry -> entry.expiredAt(now)
                        || entry.username().equals(username) && entry.customKeyStoreId().equals(customKeyStoreId));
            return entries.put(handle, new Entry(username, customKeyStoreId, rawSecretAccessKey, expiresAt, source));
        });
        log.info("Imported XKS proxy secret held for user '{}' and key store '{}' until {}", username, customKeyStoreId,
                expiresAt);
        return handle;
    }

    /**
     * What may be shown about the secret behind {@code handle} (when it expires, where it
     * came from), if it is still pending in this session for exactly this user and key
     * store; never the secret itself.
     */
    public Optional<PendingSecret> pending(String handle, HttpSession session, String username,
            String customKeyStoreId) {
        return live(handle, session, username, customKeyStoreId)
            .map(entry -> new PendingSecret(entry.expiresAt(), entry.source()));
    }

    /**
     * Lends the secret to {@code use} and forgets it only when {@code use} returns a
     * result. This is how a step that may still refuse (a form check that finds other
     * errors) uses the secret: on refusal the secret stays pending under the same handle,
     * with the same expiry, for the operator's next attempt; on success it is gone.
     * {@code use} must not keep the secret anywhere but in its result, and should have no
     * side effects: when two requests race (on one instance or two), both may compute,
     * but only one result is returned.
     * @return {@code use}'s result; empty when the handle is unknown, used, expired or
     * bound to another user or key store (then {@code use} is not called), when
     * {@code use} returns empty, or when a concurrent request took the secret first
     */
    public <T> Optional<T> takeWhen(String handle, HttpSession session, String username, String customKeyStoreId,
            Function<String, Optional<T>> use) {
        var entry = live(handle, session, username, customKeyStoreId);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Optional<T> result = use.apply(entry.get().secret());
        if (result.isEmpty()) {
            return Optional.empty(); // refused by use: the secret stays
        }
        entries(session, entries -> entries.remove(handle));
        return vault.useOnce(ATTRIBUTE + ":" + handle, entry.get().expiresAt()) ? result : Optional.empty();
    }

    /**
     * Whether a secret is still pending behind {@code handle} in this session for exactly
     * this user and key store.
     */
    public boolean isPending(String handle, HttpSession session, String username, String customKeyStoreId) {
        return live(handle, session, username, customKeyStoreId).isPresent();
    }

    /**
     * Forgets the secret behind {@code handle} (the operator cancelled or uploaded
     * another file).
     */
    public void discard(HttpSession session, String handle) {
        entries(session, entries -> entries.remove(handle));
    }

    /** The live entry for this user and store; only reads the session. */
    @SuppressWarnings("unchecked")
    private Optional<Entry> live(String handle, HttpSession session, String username, String customKeyStoreId) {
        var now = clock.instant();
        var entry = vault.read(session, ATTRIBUTE, HashMap.class)
            .map(entries -> (Entry) entries.get(handle))
            .filter(held -> !held.expiredAt(now));
        if (entry.isPresent() && (!entry.get().username().equals(username)
                || !entry.get().customKeyStoreId().equals(customKeyStoreId))) {
            log.warn("Refused an imported XKS proxy secret to user '{}' for key store '{}': it was imported by"
                    + " another user or for another key store", username, customKeyStoreId);
            return Optional.empty();
        }
        return entry;
    }

    @SuppressWarnings("unchecked")
    private <R> R entries(HttpSession session, Function<HashMap<String, Entry>, R> change) {
        return vault.update(session, ATTRIBUTE, HashMap.class, HashMap::new,
                entries -> change.apply((HashMap<String, Entry>) entries));
    }

    /**
     * What may be shown about a pending secret.
     *
     * @param expiresAt when it is forgotten at the latest
     * @param source where it came from, if the importer said so
     */
    public record PendingSecret(Instant expiresAt, @Nullable ProxyConfigurationSource source) {
    }

    private record Entry(String username, String customKeyStoreId, String secret, Instant expiresAt,
            @Nullable ProxyConfigurationSource source) implements Serializable {

        /**
         * Expired at exactly {@code expiresAt}: a secret lives for at most the TTL, never
         * longer.
         */
        boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }

        @Override
        public String toString() {
            return "Entry[username=" + username + ", customKeyStoreId=" + customKeyStoreId
                    + ", secret=<redacted>, expiresAt=" + expiresAt + ", source=" + source + "]";
        }
    }

}
