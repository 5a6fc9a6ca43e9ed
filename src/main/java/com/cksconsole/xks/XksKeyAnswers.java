package com.cksconsole.xks;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Interprets what an XKS proxy answered to GetKeyMetadata, Encrypt or Decrypt, with the
 * checks KMS makes (XKS proxy API specification v1.0.3, "GetKeyMetadata", "Encrypt",
 * "Decrypt", "Error codes" and Appendix C). An answer that fails a check is
 * {@link XksKeyFailureKind#INVALID_RESPONSE}: KMS "cannot interpret the response".
 */
final class XksKeyAnswers {

    static final int HTTP_OK = 200;
    static final int MAX_KEY_USAGES = 10;
    static final int TAG_BYTES = 16;
    static final Set<Integer> IV_BYTES = Set.of(12, 16);
    static final int MAX_CIPHERTEXT_METADATA_BYTES = 20;
    static final Set<String> KEY_STATUSES = Set.of("ENABLED", "DISABLED");

    private static final Pattern PLAUSIBLE_ERROR_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

    private static final Pattern UPPER_CASE = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final JsonMapper json = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    /**
     * @param interpretOk reads a 200 body; null when the body fails a check
     */
    <T> XksKeyResult<T> interpret(int status, byte[] body, Duration latency,
            Function<byte[], @Nullable T> interpretOk) {
        if (status == HTTP_OK) {
            T value = interpretOk.apply(body);
            return value == null ? new XksKeyResult.Failed<>(XksKeyFailureKind.INVALID_RESPONSE, status, null, latency)
                    : new XksKeyResult.Ok<>(value, latency);
        }
        if (status < 400) {
            // 200 is the only success code; redirects are not followed.
            return new XksKeyResult.Failed<>(XksKeyFailureKind.INVALID_RESPONSE, status, null, latency);
        }
        String errorName = errorName(body);
        if (errorName == null) {
            // "HTTP error code without a JSON-formatted body": KMS cannot interpret it.
            return new XksKeyResult.Failed<>(XksKeyFailureKind.INVALID_RESPONSE, status, null, latency);
        }
        // The spec: KMS picks its exception from the errorName, not from the status.
        return new XksKeyResult.Failed<>(XksKeyFailureKind.ofErrorName(errorName), status, errorName, latency);
    }

    /** keySpec, keyUsage (1-10 upper-case strings) and keyStatus (ENABLED, DISABLED). */
    @Nullable XksKeyMetadata keyMetadata(byte[] body) {
        JsonNode root = parse(body);
        if (root == null) {
            return null;
        }
        String keySpec = string(root, "keySpec");
        String keyStatus = string(root, "keyStatus");
        JsonNode keyUsage = root.get("keyUsage");
        if (keySpec == null || keyStatus == null || !KEY_STATUSES.contains(keyStatus) || keyUsage == null
                || !keyUsage.isArray() || keyUsage.isEmpty() || keyUsage.size() > MAX_KEY_USAGES) {
            return null;
        }
        var usages = new ArrayList<String>(keyUsage.size());
        for (JsonNode usage : keyUsage) {
            if (!usage.isString() || !UPPER_CASE.matcher(usage.stringValue()).matches()) {
                return null;
            }
            usages.add(usage.stringValue());
        }
        return new XksKeyMetadata(keySpec, usages, keyStatus);
    }

    /**
     * The Encrypt answer, if ciphertext is as long as the plaintext, the IV 12 or 16
     * bytes, the tag 16 bytes, the metadata at most 20 bytes, and the integrity value
     * present and right when it was asked for.
     */
    @Nullable XksCiphertext ciphertext(byte[] body, XksEncryptInput input) {
        JsonNode root = parse(body);
        if (root == null) {
            return null;
        }
        byte[] ciphertext = base64(root, "ciphertext");
        byte[] iv = base64(root, "initializationVector");
        byte[] tag = base64(root, "authenticationTag");
        byte[] metadata = base64(root, "ciphertextMetadata");
        byte[] integrity = base64(root, "ciphertextDataIntegrityValue");
        if (ciphertext == null || iv == null || tag == null || ciphertext.length != input.plaintext().length
                || !IV_BYTES.contains(iv.length) || tag.length != TAG_BYTES
                || (root.has("ciphertextMetadata")
                        && (metadata == null || metadata.length > MAX_CIPHERTEXT_METADATA_BYTES))
                || (root.has("ciphertextDataIntegrityValue") && integrity == null)) {
            return null;
        }
        if (input.wantCiphertextDataIntegrityValue() && (integrity == null || !MessageDigest.isEqual(integrity,
                integrityValue(input.additionalAuthenticatedData(), metadata, iv, ciphertext, tag)))) {
            return null;
        }
        return new XksCiphertext(ciphertext, iv, tag, metadata, integrity);
    }

    /** The Decrypt answer's plaintext, if it is as long as the ciphertext. */
    byte @Nullable [] plaintext(byte[] body, XksDecryptInput input) {
        JsonNode root = parse(body);
        if (root == null) {
            return null;
        }
        byte[] plaintext = base64(root, "plaintext");
        return plaintext != null && plaintext.length == input.ciphertext().length ? plaintext : null;
    }

    /**
     * Appendix C: SHA-256(aad || ctm || iv || ciphertext || tag) over decoded bytes, a
     * missing field contributing nothing.
     */
    static byte[] integrityValue(byte @Nullable [] aad, byte @Nullable [] metadata, byte[] iv, byte[] ciphertext,
            byte[] tag) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (aad != null) {
                digest.update(aad);
            }
            if (metadata != null) {
                digest.update(metadata);
            }
            digest.update(iv);
            digest.update(ciphertext);
            return digest.digest(tag);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private @Nullable String errorName(byte[] body) {
        JsonNode root = parse(body);
        String name = root == null ? null : string(root, "errorName");
        return name != null && PLAUSIBLE_ERROR_NAME.matcher(name).matches() ? name : null;
    }

    private @Nullable JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode root = json.readTree(body);
            return root != null && root.isObject() ? root : null;
        }
        catch (JacksonException malformed) {
            return null;
        }
    }

    private static @Nullable String string(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** A Base64 (RFC 4648 section 4, not URL-safe) string member, decoded. */
    private static byte @Nullable [] base64(JsonNode object, String name) {
        String value = string(object, name);
        if (value == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(value);
        }
        catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

}
