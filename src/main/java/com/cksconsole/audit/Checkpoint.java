package com.cksconsole.audit;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * A signed statement of the chain head: "up to event {@code seq} the chain was intact,
 * ending in {@code hash} and {@code link}". Written where the database login cannot
 * rewrite it (an append-only file, the {@code AUDIT} log) and carried by exports.
 *
 * <p>
 * Signed form, version 1: the UTF-8 bytes of {@code cks-audit-checkpoint-v1\n} followed
 * by seq, hash, link, keyed_from, created_at, chain_key_id and public_key, each written
 * as {@code <n>:<value>\n} (n = UTF-8 bytes of value) or {@code ~\n} for null, as in
 * {@link CanonicalForm}. The signature is Ed25519 over these bytes, Base64.
 *
 * @param hash the public hash of event {@code seq}
 * @param link the keyed link of event {@code seq}; null when it lies before the keyed
 * chain
 * @param keyedFrom the first seq of the keyed chain
 * @param createdAt ISO-8601 UTC with milliseconds
 * @param chainKeyId the ID of the chain key the console verified the links with
 * @param publicKey the fingerprint of the signing key ({@code sha256:<hex>})
 */
public record Checkpoint(long seq, String hash, @Nullable String link, long keyedFrom, String createdAt,
        String chainKeyId, String publicKey, String signature) implements Serializable {

    static final String TYPE = "cks-audit-checkpoint";

    private static final String HEADER = "cks-audit-checkpoint-v1\n";

    static Checkpoint sign(long seq, String hash, @Nullable String link, long keyedFrom, String createdAt,
            String chainKeyId, CheckpointKey key) {
        var unsigned = new Checkpoint(seq, hash, link, keyedFrom, createdAt, chainKeyId, key.fingerprint(), "");
        return unsigned.withSignature(Base64.getEncoder().encodeToString(key.sign(unsigned.signedBytes())));
    }

    private Checkpoint withSignature(String newSignature) {
        return new Checkpoint(seq, hash, link, keyedFrom, createdAt, chainKeyId, publicKey, newSignature);
    }

    /** Whether {@code key} signed exactly this checkpoint. */
    boolean signedBy(CheckpointKey key) {
        if (!key.fingerprint().equals(publicKey)) {
            return false;
        }
        try {
            return key.verify(signedBytes(), Base64.getDecoder().decode(signature));
        }
        catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    byte[] signedBytes() {
        var out = new ByteArrayOutputStream(512);
        out.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
        for (String value : new String[] { Long.toString(seq), hash, link, Long.toString(keyedFrom), createdAt,
                chainKeyId, publicKey }) {
            CanonicalForm.field(out, value);
        }
        return out.toByteArray();
    }

    /**
     * The checkpoint as one JSON line (no line break), as the file, the log and the
     * exports carry it.
     */
    String toJson() {
        var line = new LinkedHashMap<String, @Nullable Object>();
        line.put("type", TYPE);
        line.put("seq", seq);
        line.put("hash", hash);
        line.put("link", link);
        line.put("keyed_from", keyedFrom);
        line.put("created_at", createdAt);
        line.put("chain_key_id", chainKeyId);
        line.put("public_key", publicKey);
        line.put("signature", signature);
        return AuditJson.write(line);
    }

    /**
     * @throws IllegalArgumentException the line is not a checkpoint
     */
    static Checkpoint parse(String line) {
        JsonNode node;
        try {
            node = AuditJson.tree(line);
        }
        catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (!TYPE.equals(text(node, "type"))) {
            throw new IllegalArgumentException("not a checkpoint");
        }
        return new Checkpoint(node.path("seq").asLong(), required(node, "hash"), text(node, "link"),
                node.path("keyed_from").asLong(), required(node, "created_at"), required(node, "chain_key_id"),
                required(node, "public_key"), required(node, "signature"));
    }

    private static String required(JsonNode node, String field) {
        var value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    private static @Nullable String text(JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** The time as the pages show it. */
    public String displayCreatedAt() {
        return createdAt.replace('T', ' ').replace("Z", " UTC");
    }
}
