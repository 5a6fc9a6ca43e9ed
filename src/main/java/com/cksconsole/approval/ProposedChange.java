package com.cksconsole.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * A change as the feature owning it describes it for approval: where, which operations,
 * the lines an approver reads, the values the execution page rebuilds it from, the HMAC
 * fingerprints of its secrets (never a secret) and the fingerprint of the store as it was
 * read. {@link #hash()} pins all of it: an approval counts only for a change with the
 * same hash.
 *
 * @param target the target's name, as in {@code /t/{target}}
 * @param storeId the custom key store, or null for a store not yet created
 * @param subject what the change is about, for lists (the store's name and ID, a key)
 * @param parameters the change's non-secret values, by the names its feature uses
 * @param secretFingerprints the HMAC fingerprint of each secret, by name
 * @param storeFingerprint the store's fingerprint when the change was made, or null
 * @param executePath the page that executes the request (its ID is appended)
 */
public record ProposedChange(String target, @Nullable String storeId, String subject, Set<ApprovalOperation> operations,
        List<ChangeLine> lines, Map<String, String> parameters, Map<String, String> secretFingerprints,
        @Nullable String storeFingerprint, String executePath) {

    public ProposedChange {
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("A change has at least one operation");
        }
        operations = Set.copyOf(EnumSet.copyOf(operations));
        lines = List.copyOf(lines);
        parameters = Map.copyOf(parameters);
        secretFingerprints = Map.copyOf(secretFingerprints);
    }

    /**
     * SHA-256 over every part but the execute path, each written length-prefixed in a
     * fixed order (maps sorted by key), so no two different changes share an input text.
     */
    public String hash() {
        var canonical = new StringBuilder();
        field(canonical, "target", target);
        field(canonical, "store", storeId);
        field(canonical, "subject", subject);
        EnumSet.copyOf(operations).forEach(operation -> field(canonical, "operation", operation.name()));
        for (var line : lines) {
            field(canonical, "line", line.label());
            field(canonical, "before", line.before());
            field(canonical, "after", line.after());
        }
        new TreeMap<>(parameters).forEach((name, value) -> field(canonical, "parameter:" + name, value));
        new TreeMap<>(secretFingerprints).forEach((name, value) -> field(canonical, "secret:" + name, value));
        field(canonical, "storeFingerprint", storeFingerprint);
        return sha256(canonical.toString());
    }

    /**
     * The same change without its secrets' fingerprints (what a re-entered secret cannot
     * change).
     */
    String hashWithoutSecrets() {
        return new ProposedChange(target, storeId, subject, operations, lines, parameters, Map.of(), storeFingerprint,
                executePath)
            .hash();
    }

    private static void field(StringBuilder canonical, String name, @Nullable String value) {
        // Names are length-prefixed too: a parameter's or secret's name is the feature's
        // text and could hold '=' or a line break.
        canonical.append(name.length()).append(':').append(name).append('=');
        if (value == null) {
            canonical.append('-');
        }
        else {
            canonical.append(value.length()).append(':').append(value);
        }
        canonical.append('\n');
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }

}
