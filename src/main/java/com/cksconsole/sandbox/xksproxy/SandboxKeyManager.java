package com.cksconsole.sandbox.xksproxy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

import com.cksconsole.sandbox.xksproxy.SandboxXksProxy.Answer;
import com.cksconsole.sandbox.xksproxy.SandboxXksProxy.KeyOperation;
import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.ExternalKey;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox proxy's external key manager: answers an authentic, well-formed
 * GetKeyMetadata, Encrypt or Decrypt for one external key (XKS proxy API specification,
 * "GetKeyMetadata", "Encrypt", "Decrypt", "Error codes"). Plaintext and key material are
 * never logged.
 */
final class SandboxKeyManager {

    /** XKS proxy API specification, "API operations": externalKeyId. */
    private static final Pattern EXTERNAL_KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /**
     * What the sandbox's key manager returns as ciphertextMetadata (vendor data, at most
     * 20 bytes): a key version, as in the spec's example.
     */
    static final byte[] CIPHERTEXT_METADATA = "key_version=1".getBytes(StandardCharsets.US_ASCII);

    private final XksProxyRegistry registry;

    private final ExternalKeyMaterial keyMaterial;

    private final JsonMapper json = JsonMapper.builder().build();

    SandboxKeyManager(XksProxyRegistry registry, ExternalKeyMaterial keyMaterial) {
        this.registry = registry;
        this.keyMaterial = keyMaterial;
    }

    Answer answer(String prefix, String externalKeyId, KeyOperation operation, JsonNode request) {
        Optional<ExternalKey> found = EXTERNAL_KEY_ID.matcher(externalKeyId).matches()
                ? registry.externalKey(prefix, externalKeyId) : Optional.empty();
        if (found.isEmpty()) {
            return error(404, "KeyNotFoundException", "The external key was not found in the external key manager.");
        }
        ExternalKey key = found.get();
        if (operation == KeyOperation.GET_KEY_METADATA) {
            // A disabled key is described, not refused: KMS decides what DISABLED means.
            var answer = new LinkedHashMap<String, Object>();
            answer.put("keySpec", key.keySpec());
            answer.put("keyUsage", key.keyUsage());
            answer.put("keyStatus", key.status());
            return ok(answer);
        }
        if (!key.enabled()) {
            return error(400, "InvalidStateException", "The external key is disabled in the external key manager.");
        }
        String usage = operation == KeyOperation.ENCRYPT ? "ENCRYPT" : "DECRYPT";
        if (!"AES_256".equals(key.keySpec()) || !key.keyUsage().contains(usage)) {
            return error(400, "InvalidKeyUsageException",
                    "The external key does not support " + operation.apiName + ".");
        }
        JsonNode algorithm = request.get("encryptionAlgorithm");
        if (algorithm == null || !algorithm.isString() || !"AES_GCM".equals(algorithm.stringValue())) {
            return validation("encryptionAlgorithm must be AES_GCM.");
        }
        SecretKey secretKey = keyMaterial.aes256(prefix, externalKeyId);
        return operation == KeyOperation.ENCRYPT ? encrypt(secretKey, request) : decrypt(secretKey, request);
    }

    private Answer encrypt(SecretKey key, JsonNode request) {
        byte[] plaintext = base64(request, "plaintext");
        if (plaintext == null) {
            return validation("plaintext is required, in Base64.");
        }
        byte[] aad = base64(request, "additionalAuthenticatedData");
        if (request.has("additionalAuthenticatedData") && (aad == null || aad.length > AesGcmEnvelope.MAX_AAD_BYTES)) {
            return validation("additionalAuthenticatedData must be Base64 of at most 65535 bytes.");
        }
        JsonNode integrity = request.get("ciphertextDataIntegrityValueAlgorithm");
        if (integrity != null && (!integrity.isString() || !"SHA_256".equals(integrity.stringValue()))) {
            return validation("ciphertextDataIntegrityValueAlgorithm must be SHA_256.");
        }
        byte[] metadata = CIPHERTEXT_METADATA;
        AesGcmEnvelope.Sealed sealed = AesGcmEnvelope.encrypt(key, plaintext, aad, metadata);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("ciphertext", encode(sealed.ciphertext()));
        answer.put("initializationVector", encode(sealed.iv()));
        answer.put("authenticationTag", encode(sealed.tag()));
        answer.put("ciphertextMetadata", encode(metadata));
        if (integrity != null) {
            // Appendix C's order: integrity value over the output first, then a
            // decrypt of that output as a self-check, so a bit flip is caught here.
            byte[] value = AesGcmEnvelope.integrityValue(aad, metadata, sealed.iv(), sealed.ciphertext(), sealed.tag());
            try {
                AesGcmEnvelope.decrypt(key, sealed.ciphertext(), sealed.iv(), sealed.tag(), aad, metadata);
            }
            catch (AEADBadTagException selfCheckFailed) {
                return error(500, "InternalException", "The external key manager failed to process the request.");
            }
            answer.put("ciphertextDataIntegrityValue", encode(value));
        }
        return ok(answer);
    }

    private Answer decrypt(SecretKey key, JsonNode request) {
        byte[] ciphertext = base64(request, "ciphertext");
        byte[] iv = base64(request, "initializationVector");
        byte[] tag = base64(request, "authenticationTag");
        byte[] metadata = base64(request, "ciphertextMetadata");
        byte[] aad = base64(request, "additionalAuthenticatedData");
        boolean malformedOptional = (request.has("ciphertextMetadata") && metadata == null)
                || (request.has("additionalAuthenticatedData") && aad == null);
        if (ciphertext == null || iv == null || tag == null || malformedOptional || (iv.length != 12 && iv.length != 16)
                || tag.length != AesGcmEnvelope.TAG_BYTES
                || (metadata != null && metadata.length > AesGcmEnvelope.MAX_METADATA_BYTES)
                || (aad != null && aad.length > AesGcmEnvelope.MAX_AAD_BYTES)) {
            return invalidCiphertext();
        }
        try {
            byte[] plaintext = AesGcmEnvelope.decrypt(key, ciphertext, iv, tag, aad, metadata);
            return ok(Map.of("plaintext", encode(plaintext)));
        }
        catch (AEADBadTagException mismatch) {
            return invalidCiphertext();
        }
    }

    private Answer invalidCiphertext() {
        return error(400, "InvalidCiphertextException",
                "The request was rejected because the ciphertext, IV, AAD or tag is corrupted, missing or invalid.");
    }

    private Answer validation(String message) {
        return error(400, "ValidationException", message);
    }

    private Answer ok(Map<String, ?> body) {
        return new Answer(200, MediaType.APPLICATION_JSON, json.writeValueAsBytes(body), Duration.ZERO);
    }

    /**
     * A present Base64 (RFC 4648 section 4) string member, decoded; null if absent or not
     * Base64.
     */
    private static byte @Nullable [] base64(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || !value.isString()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(value.stringValue());
        }
        catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private Answer error(int status, String errorName, String errorMessage) {
        var body = new LinkedHashMap<String, String>();
        body.put("errorName", errorName);
        body.put("errorMessage", errorMessage);
        return new Answer(status, MediaType.APPLICATION_JSON, json.writeValueAsBytes(body), Duration.ZERO);
    }

}
