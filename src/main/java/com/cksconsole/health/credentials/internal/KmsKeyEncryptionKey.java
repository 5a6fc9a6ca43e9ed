package com.cksconsole.health.credentials.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import javax.crypto.AEADBadTagException;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;

import com.cksconsole.health.credentials.CredentialUnreadableException;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.TargetKmsCalls;
import com.cksconsole.kms.KmsTarget;

/**
 * A KMS key as key-encryption key: each credential's data key comes from GenerateDataKey
 * and is opened with Decrypt (a rotation onto it wraps existing data keys with Encrypt),
 * so the data keys are only ever readable with KMS's permission and every use shows in
 * CloudTrail. The row's additional authenticated data becomes the encryption context,
 * which KMS binds to the ciphertext as GCM binds AAD (KMS API Reference,
 * "GenerateDataKey", "Decrypt": EncryptionContext). Calls go through the target's client
 * (assumed role, credential renewal) as every other KMS call of the console.
 */
public final class KmsKeyEncryptionKey implements Kek {

    /** The encryption context key that carries the row's AAD. */
    static final String CONTEXT_KEY = "cks-console-credential";

    /** KMS errors that mean "not this key or not this context", as a wrong GCM tag. */
    private static final Set<String> WRONG_KEY = Set.of("InvalidCiphertextException", "IncorrectKeyException");

    private final String id;

    private final String keyId;

    private final KmsTarget target;

    private final TargetKmsCalls calls;

    private KmsKeyEncryptionKey(String id, String keyId, KmsTarget target, TargetKmsCalls calls) {
        this.id = id;
        this.keyId = keyId;
        this.target = target;
        this.calls = calls;
    }

    /**
     * @param keyId the KMS key: key ID, key ARN, alias name or alias ARN
     * @param target the account and Region whose KMS holds the key, called with that
     * target's client
     */
    public static KmsKeyEncryptionKey of(String keyId, KmsTarget target, TargetKmsCalls calls) {
        return new KmsKeyEncryptionKey(idOf(keyId, target), keyId.strip(), target, calls);
    }

    /**
     * {@code kms-<16 hex>}: the same key of the same target always has the same ID, and
     * the ID fits the row's column whatever the ARN's length.
     */
    static String idOf(String keyId, KmsTarget target) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(("cks-console kms kek\n" + target.accountId() + "\n" + target.region() + "\n" + keyId.strip())
                    .getBytes(StandardCharsets.UTF_8));
            return "kms-" + HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    /** The configured key, as written (for reports; not secret). */
    public String keyId() {
        return keyId;
    }

    /** A fresh AES-256 data key: its plaintext and its ciphertext blob (Base64). */
    GeneratedDataKey generateDataKey(byte[] aad) {
        var response = call("GenerateDataKey", client -> client.generateDataKey(
                request -> request.keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(context(aad))));
        return new GeneratedDataKey(response.plaintext().asByteArray(),
                Base64.getEncoder().encodeToString(response.ciphertextBlob().asByteArray()));
    }

    /** An existing data key encrypted under this KMS key (Base64 ciphertext blob). */
    String encrypt(byte[] dataKey, byte[] aad) {
        var response = call("Encrypt",
                client -> client.encrypt(request -> request.keyId(keyId)
                    .plaintext(SdkBytes.fromByteArray(dataKey))
                    .encryptionContext(context(aad))));
        return Base64.getEncoder().encodeToString(response.ciphertextBlob().asByteArray());
    }

    /**
     * The data key inside {@code blob}.
     * @throws AEADBadTagException KMS says the blob is not of this key or not for this
     * row (its encryption context differs)
     */
    byte[] decrypt(String blob, byte[] aad) throws AEADBadTagException {
        try {
            return call("Decrypt",
                    client -> client.decrypt(request -> request.keyId(keyId)
                        .ciphertextBlob(SdkBytes.fromByteArray(Base64.getDecoder().decode(blob)))
                        .encryptionContext(context(aad))))
                .plaintext()
                .asByteArray();
        }
        catch (CredentialUnreadableException e) {
            if (e.getCause() instanceof KmsCallException kms && WRONG_KEY.contains(kms.failure().errorCode())) {
                throw new AEADBadTagException("KMS refused the data key: " + kms.failure().errorCode());
            }
            throw e;
        }
    }

    private <T> T call(String operation, Function<KmsClient, T> call) {
        try {
            return calls.call(operation, target, call);
        }
        catch (KmsCallException e) {
            throw new CredentialUnreadableException("The key-encryption key " + keyId + " in " + target + ": KMS "
                    + operation + " failed (" + e.failure().errorCode() + ")", e);
        }
    }

    private static Map<String, String> context(byte[] aad) {
        return Map.of(CONTEXT_KEY, Base64.getEncoder().encodeToString(aad));
    }

    @Override
    public String toString() {
        return "KmsKeyEncryptionKey[id=" + id + ", keyId=" + keyId + ", target=" + target + "]";
    }

    /** A data key from GenerateDataKey; the caller wipes {@code plaintext} after use. */
    record GeneratedDataKey(byte[] plaintext, String ciphertextBlob) {

        @Override
        public String toString() {
            return "GeneratedDataKey[plaintext=<redacted>, ciphertextBlob=" + ciphertextBlob + "]";
        }

    }

}
