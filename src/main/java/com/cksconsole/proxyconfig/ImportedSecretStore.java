package com.cksconsole.proxyconfig;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Holds a RawSecretAccessKey imported from a proxy configuration file on the server, so
 * that it never round-trips through the browser: the form carries only the opaque handle
 * {@link #hold} returns.
 *
 * <p>
 * Each secret is bound to one HTTP session, one user and one custom key store, is handed
 * out at most once ({@link #takeWhen}) and for at most
 * {@code console.proxy-config.secret-ttl} (10 minutes by default). It is also removed on
 * cancel ({@link #discard}), when the session ends or the user signs out
 * ({@link #discardSession}, {@link #discardUser}, wired in
 * {@link ImportedSecretCleanup}), and by a periodic purge. Secrets are kept as
 * {@code char[]} and overwritten when removed.
 *
 * <p>
 * In memory and per application instance: with several console instances, the upload and
 * the apply must reach the same instance (sticky sessions), otherwise the apply finds no
 * secret and the operator is asked to upload the file again. Nothing here is persisted,
 * by design.
 */
@Component
public class ImportedSecretStore {

    private static final Logger log = LoggerFactory.getLogger(ImportedSecretStore.class);

    private static final int HANDLE_BYTES = 16; // 128 bits

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private final SecureRandom random = new SecureRandom();

    private final Duration ttl;

    private final Clock clock;

    public ImportedSecretStore(ProxyConfigurationProperties properties, Clock clock) {
        this.ttl = properties.secretTtl();
        this.clock = clock;
    }

    /**
     * Keeps {@code rawSecretAccessKey} for the given session, user and key store,
     * replacing (and wiping) any secret pending for the same three, and returns the
     * handle the form may carry instead of the secret. Keeps the facts about where the
     * secret came from (file name, size, SHA-256; never content) with it, so that the
     * step that uses the secret can record them.
     * @return an opaque, URL-safe random handle (128 bits)
     */
    public String hold(String sessionId, String username, String customKeyStoreId, String rawSecretAccessKey,
            @Nullable ProxyConfigurationSource source) {
        var binding = new Binding(sessionId, username, customKeyStoreId);
        removeWhere(entry -> entry.binding().equals(binding));
        byte[] bytes = new byte[HANDLE_BYTES];
        random.nextBytes(bytes);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = clock.instant().plus(ttl);
        entries.put(handle, new Entry(binding, rawSecretAccessKey.toCharArray(), expiresAt, source));
        log.info("Imported XKS proxy secret held for user '{}' and key store '{}' until {}", username, customKeyStoreId,
                expiresAt);
        return handle;
    }

    /**
     * When the secret behind {@code handle} expires, if it is still pending for exactly
     * this session, user and key store; reveals nothing else. Lets the page say "secret
     * access key: from the uploaded file".
     */
    public Optional<Instant> pendingUntil(String handle, String sessionId, String username, String customKeyStoreId) {
        return pending(handle, sessionId, username, customKeyStoreId).map(PendingSecret::expiresAt);
    }

    /**
     * What may be shown about the secret behind {@code handle} (when it expires, where it
     * came from), if it is still pending for exactly this session, user and key store;
     * never the secret itself.
     */
    public Optional<PendingSecret> pending(String handle, String sessionId, String username, String customKeyStoreId) {
        Entry entry = entries.get(handle);
        if (entry == null || entry.expiredAt(clock.instant())
                || !entry.binding().equals(new Binding(sessionId, username, customKeyStoreId))) {
            return Optional.empty();
        }
        return Optional.of(new PendingSecret(entry.expiresAt(), entry.source()));
    }

    /**
     * Lends the secret to {@code use} and forgets it only when {@code use} returns a
     * result. This is how a step that may still refuse (a form check that finds other
     * errors) uses the secret: on refusal the secret stays pending under the same handle,
     * with the same expiry, for the operator's next attempt; on success it is gone.
     * {@code use} must not keep the secret anywhere but in its result, and should have no
     * side effects: when two requests race, both may compute, but only one result is
     * returned.
     * @return {@code use}'s result; empty when the handle is unknown, used, expired or
     * bound to another session, user or key store (then {@code use} is not called), when
     * {@code use} returns empty, or when a concurrent request took the secret first
     */
    public <T> Optional<T> takeWhen(String handle, String sessionId, String username, String customKeyStoreId,
            Function<String, Optional<T>> use) {
        Entry entry = entries.get(handle);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiredAt(clock.instant())) {
            remove(handle, entry);
            return Optional.empty();
        }
        if (!entry.binding().equals(new Binding(sessionId, username, customKeyStoreId))) {
            log.warn("Refused an imported XKS proxy secret to user '{}' for key store '{}': it was imported in"
                    + " another session, by another user or for another key store", username, customKeyStoreId);
            return Optional.empty();
        }
        Optional<T> result = use.apply(new String(entry.secret()));
        if (result.isEmpty() || !remove(handle, entry)) {
            return Optional.empty(); // refused by use (the secret stays), or taken
                                     // concurrently
        }
        return result;
    }

    /**
     * Whether a secret is still pending behind {@code handle} for exactly this session,
     * user and key store.
     */
    public boolean isPending(String handle, String sessionId, String username, String customKeyStoreId) {
        return pendingUntil(handle, sessionId, username, customKeyStoreId).isPresent();
    }

    /**
     * Forgets the secret behind {@code handle} (the operator cancelled or uploaded
     * another file).
     */
    public void discard(String handle) {
        Entry entry = entries.get(handle);
        if (entry != null) {
            remove(handle, entry);
        }
    }

    /**
     * Forgets every secret imported in this session (sign-out, session expiry or
     * invalidation).
     */
    public void discardSession(String sessionId) {
        int removed = removeWhere(entry -> entry.binding().sessionId().equals(sessionId));
        if (removed > 0) {
            log.info("Discarded {} imported XKS proxy secret(s) of an ended session", removed);
        }
    }

    /**
     * Forgets every secret imported by this user, in any session (the user signed out).
     */
    public void discardUser(String username) {
        int removed = removeWhere(entry -> entry.binding().username().equals(username));
        if (removed > 0) {
            log.info("Discarded {} imported XKS proxy secret(s) of user '{}'", removed, username);
        }
    }

    /**
     * Removes and wipes every expired secret and returns how many;
     * {@link ImportedSecretCleanup} calls it every minute, so an abandoned upload does
     * not keep its secret in memory.
     */
    public int purgeExpired() {
        Instant now = clock.instant();
        int removed = removeWhere(entry -> entry.expiredAt(now));
        if (removed > 0) {
            log.info("Purged {} expired imported XKS proxy secret(s)", removed);
        }
        return removed;
    }

    private int removeWhere(Predicate<Entry> condition) {
        int removed = 0;
        for (Map.Entry<String, Entry> candidate : entries.entrySet()) {
            if (condition.test(candidate.getValue()) && remove(candidate.getKey(), candidate.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * Removes the entry if it is still there; only the remover wipes, so a concurrent
     * take never sees zeros.
     */
    private boolean remove(String handle, Entry entry) {
        if (entries.remove(handle, entry)) {
            entry.wipe();
            return true;
        }
        return false;
    }

    /** Who may take a secret: the same session, the same user, the same key store. */
    private record Binding(String sessionId, String username, String customKeyStoreId) {

        @Override
        public String toString() {
            return "Binding[sessionId=<redacted>, username=" + username + ", customKeyStoreId=" + customKeyStoreId
                    + "]";
        }
    }

    /**
     * What may be shown about a pending secret.
     *
     * @param expiresAt when it is forgotten at the latest
     * @param source where it came from, if the importer said so
     */
    public record PendingSecret(Instant expiresAt, @Nullable ProxyConfigurationSource source) {
    }

    private record Entry(Binding binding, char[] secret, Instant expiresAt, @Nullable ProxyConfigurationSource source) {

        /**
         * Expired at exactly {@code expiresAt}: a secret lives for at most the TTL, never
         * longer.
         */
        boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }

        void wipe() {
            Arrays.fill(secret, '\0');
        }

        @Override
        public String toString() {
            return "Entry[binding=" + binding + ", secret=<redacted>, expiresAt=" + expiresAt + ", source=" + source
                    + "]";
        }

        // Identity, not content: ConcurrentHashMap.remove(key, value) must match this
        // very entry.
        @Override
        public boolean equals(@Nullable Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

}
