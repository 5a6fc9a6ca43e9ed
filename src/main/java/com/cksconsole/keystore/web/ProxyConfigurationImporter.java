package com.cksconsole.keystore.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.XksConnectivity;

/**
 * The XKS proxy configuration import as the external key store edit page uses it: an uploaded file or pasted
 * JSON read into values checked like typed input, and the imported RawSecretAccessKey held on the server behind
 * an opaque handle, so that it never travels through the browser.
 *
 * <p>Why an interface: {@code com.cksconsole.proxyconfig} implements it, and that package depends on
 * {@code keystore} for the one definition of the KMS field constraints ({@code KmsField}). Feature packages must
 * not depend on each other in a cycle ({@code ArchitectureTest}), so {@code keystore} never names
 * {@code proxyconfig}; the pages reach the import through this interface instead.
 */
public interface ProxyConfigurationImporter {

    /** Largest file or pasted text accepted, in bytes (bigger is refused before it is parsed). */
    long maxSizeBytes();

    /** How long an imported secret stays available for its one use. */
    Duration secretTtl();

    /** Reads an uploaded file; the name is only used, cleaned, in messages and the log. */
    Result readUpload(@Nullable String originalFileName, byte[] content);

    /** Reads JSON pasted into the form. */
    Result readPastedText(String text);

    /** Holds the secret for this owner (replacing any earlier one of the same owner) and returns its handle. */
    String holdSecret(Owner owner, String rawSecretAccessKey, Source source);

    /** Where the secret behind {@code handle} came from, if it is still pending for exactly this owner. */
    Optional<Source> pendingSecret(String handle, Owner owner);

    /**
     * Lends the secret to {@code use} and forgets it when {@code use} returns a result; when {@code use} returns
     * empty, the secret stays pending under the same handle and expiry. Empty when the handle is not pending for
     * this owner (then {@code use} is not called) or when a concurrent request took the secret first.
     */
    <T> Optional<T> takeSecretWhen(String handle, Owner owner, Function<String, Optional<T>> use);

    /** Forgets the secret behind {@code handle}, if it belongs to this owner. */
    void discardSecret(String handle, Owner owner);

    /** Who may use a held secret: the same session, the same user, the same key store. */
    record Owner(String sessionId, String username, String keyStoreId) {

        @Override
        public String toString() {
            return "Owner[sessionId=<redacted>, username=" + username + ", keyStoreId=" + keyStoreId + "]";
        }
    }

    /**
     * What may be recorded about an imported configuration: where it came from, its size and SHA-256; never
     * its content. The pending update keeps it as {@code importSource} for the audit log.
     *
     * @param uploaded an uploaded file, or else JSON pasted into the form
     * @param name the cleaned file name, or {@code pasted text}
     */
    record Source(boolean uploaded, String name, long sizeBytes, String sha256Hex) {

        /** The first 12 hex digits of the SHA-256, enough to recognise the file. */
        public String shortSha256() {
            return sha256Hex.substring(0, Math.min(12, sha256Hex.length()));
        }

        /** "312 bytes", with thousands separated. */
        public String size() {
            return String.format(Locale.ROOT, "%,d %s", sizeBytes, sizeBytes == 1 ? "byte" : "bytes");
        }
    }

    /**
     * One reason why the input was refused, naming the key of the file concerned when there is one. Never
     * contains the secret or the access key ID.
     */
    record Problem(@Nullable String key, String text) {
    }

    /** The values of an accepted configuration, each checked with the same KMS constraints as typed input. */
    record Values(String uriPath, String accessKeyId, String rawSecretAccessKey, @Nullable String uriEndpoint,
                  @Nullable XksConnectivity connectivity, @Nullable String vpcEndpointServiceName) {

        @Override
        public String toString() {
            return "Values[uriPath=" + uriPath + ", accessKeyId=<redacted>, rawSecretAccessKey=<redacted>, uriEndpoint="
                    + uriEndpoint + ", connectivity=" + connectivity + ", vpcEndpointServiceName="
                    + vpcEndpointServiceName + "]";
        }
    }

    /**
     * The outcome of reading one file or pasted text.
     *
     * @param values present exactly when the input was accepted
     * @param problems why it was refused (empty when accepted)
     * @param warnings keys that were ignored, one sentence each
     */
    record Result(@Nullable Values values, List<Problem> problems, List<String> warnings, Source source) {

        public Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        public boolean accepted() {
            return values != null;
        }
    }
}
