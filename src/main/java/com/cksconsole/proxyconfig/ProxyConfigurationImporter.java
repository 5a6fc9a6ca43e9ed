package com.cksconsole.proxyconfig;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The XKS proxy configuration import as the external key store edit page uses it: an
 * uploaded file or pasted JSON read into values checked like typed input, and the
 * imported RawSecretAccessKey held on the server behind an opaque handle, so that it
 * never travels through the browser.
 */
@Component
public class ProxyConfigurationImporter {

    private final ProxyConfigurationParser parser;

    private final ImportedSecretStore secrets;

    private final ProxyConfigurationProperties properties;

    ProxyConfigurationImporter(ProxyConfigurationParser parser, ImportedSecretStore secrets,
            ProxyConfigurationProperties properties) {
        this.parser = parser;
        this.secrets = secrets;
        this.properties = properties;
    }

    /**
     * Largest file or pasted text accepted, in bytes (bigger is refused before it is
     * parsed).
     */
    public long maxSizeBytes() {
        return properties.maxSize().toBytes();
    }

    /** How long an imported secret stays available for its one use. */
    public Duration secretTtl() {
        return properties.secretTtl();
    }

    /**
     * Reads an uploaded file; the name is only used, cleaned, in messages and the log.
     */
    public ProxyConfigurationImport readUpload(@Nullable String originalFileName, byte[] content) {
        return parser.parseUpload(originalFileName, content);
    }

    /** Reads JSON pasted into the form. */
    public ProxyConfigurationImport readPastedText(String text) {
        return parser.parsePastedText(text);
    }

    /**
     * Holds the secret for this owner (replacing any earlier one of the same owner) and
     * returns its handle.
     */
    public String holdSecret(Owner owner, String rawSecretAccessKey, ProxyConfigurationSource source) {
        return secrets.hold(owner.session(), owner.username(), owner.keyStoreId(), rawSecretAccessKey, source);
    }

    /**
     * Where the secret behind {@code handle} came from, if it is still pending for
     * exactly this owner.
     */
    public Optional<ProxyConfigurationSource> pendingSecret(String handle, Owner owner) {
        // Every secret held through this class has a source; one without (held elsewhere)
        // is not ours to show.
        return secrets.pending(handle, owner.session(), owner.username(), owner.keyStoreId())
            .flatMap(pending -> Optional.ofNullable(pending.source()));
    }

    /**
     * Lends the secret to {@code use} and forgets it when {@code use} returns a result;
     * when {@code use} returns empty, the secret stays pending under the same handle and
     * expiry. Empty when the handle is not pending for this owner (then {@code use} is
     * not called) or when a concurrent request took the secret first.
     */
    public <T> Optional<T> takeSecretWhen(String handle, Owner owner, Function<String, Optional<T>> use) {
        return secrets.takeWhen(handle, owner.session(), owner.username(), owner.keyStoreId(), use);
    }

    /** Forgets the secret behind {@code handle}, if it belongs to this owner. */
    public void discardSecret(String handle, Owner owner) {
        if (secrets.isPending(handle, owner.session(), owner.username(), owner.keyStoreId())) {
            secrets.discard(owner.session(), handle);
        }
    }

    /**
     * Who may use a held secret: the same session, the same user, the same key store.
     *
     * @param keyStoreId the key store as its caller names it uniquely (the key store
     * pages give account, Region and ID: a custom key store ID is unique only within one
     * account and Region)
     */
    public record Owner(HttpSession session, String username, String keyStoreId) {

        @Override
        public String toString() {
            return "Owner[session=<redacted>, username=" + username + ", keyStoreId=" + keyStoreId + "]";
        }
    }

}
