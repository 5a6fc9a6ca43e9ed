package com.cksconsole.sandbox.kms;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.sandbox.kms.ExternalKeyCalls.Caller;
import com.cksconsole.sandbox.kms.ExternalKeyCalls.Failure;
import com.cksconsole.sandbox.kms.ExternalKeyCalls.Outcome;
import com.cksconsole.sandbox.kms.ExternalKeyCalls.Wrapped;
import com.cksconsole.sandbox.kms.SandboxKmsProperties.CloudHsmCluster;

/**
 * Encrypt, Decrypt, GenerateDataKey and GenerateDataKeyWithoutPlaintext for keys in
 * custom key stores (KMS API Reference; KMS Developer Guide, "Using KMS keys in a
 * CloudHSM key store" and "Using KMS keys in an external key store"). A CloudHSM key
 * encrypts in the simulated HSM; an external key is encrypted twice, first with KMS's own
 * material for the key, then by the proxy (double encryption). The blob format is
 * {@link CiphertextBlob}.
 *
 * <p>
 * Order: request shape, key and state (under the Region lock), algorithm, DryRun, then
 * the cryptography (the proxy call outside the transaction).
 */
final class KeyCryptography implements KmsOperation {

    enum Kind {

        Encrypt, Decrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext

    }

    private final Kind kind;

    private final RegionTransactions transactions;

    private final KeyRepository keys;

    private final SimulatedAws aws;

    private final SimulatedKeyMaterial material;

    private final ExternalKeyCalls proxy;

    private final SecureRandom random = new SecureRandom();

    KeyCryptography(Kind kind, RegionTransactions transactions, KeyRepository keys, SimulatedAws aws,
            SimulatedKeyMaterial material, ExternalKeyCalls proxy) {
        this.kind = kind;
        this.transactions = transactions;
        this.keys = keys;
        this.aws = aws;
        this.material = material;
        this.proxy = proxy;
    }

    @Override
    public String name() {
        return kind.name();
    }

    /** A key ready for use: the key and its store, as they were under the lock. */
    private record Usable(SandboxKey key, SandboxKeyStore store) {
    }

    @Override
    public ObjectNode handle(Call call, KmsRequest request) {
        request.strings("GrantTokens");
        Map<String, String> context = request.stringMap("EncryptionContext");
        return kind == Kind.Decrypt ? decrypt(call, request, context) : encrypt(call, request, context);
    }

    private ObjectNode encrypt(Call call, KmsRequest request, @Nullable Map<String, String> context) {
        String keyId = DescribeKey.requiredKeyId(request);
        byte[] plaintext;
        if (kind == Kind.Encrypt) {
            byte[] given = request.blob("Plaintext");
            new ValidationErrors().required("plaintext", given)
                .blob("plaintext", given, 1, KeyFields.PLAINTEXT_MAX)
                .oneOf("encryptionAlgorithm", request.string("EncryptionAlgorithm"), KeyFields.ENCRYPTION_ALGORITHMS)
                .throwIfAny();
            plaintext = Objects.requireNonNull(given);
        }
        else {
            plaintext = dataKey(request);
        }
        Usable usable = KeyRegion.inRegion(transactions, keys, call.target(),
                region -> usable(region, region.resolveAny(keyId)));
        requireSymmetric(request);
        requireNoDryRun(request);
        byte[] blob = seal(call, usable, plaintext, context);
        ObjectNode response = KmsOperation.emptyResponse();
        response.put("CiphertextBlob", blob);
        response.put("KeyId", usable.key().arn());
        if (kind == Kind.Encrypt) {
            response.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        }
        if (kind == Kind.GenerateDataKey) {
            response.put("Plaintext", plaintext);
        }
        return response;
    }

    /**
     * GenerateDataKey: exactly one of KeySpec and NumberOfBytes (1-1024); both or neither
     * is a ValidationException (unconfirmed).
     */
    private byte[] dataKey(KmsRequest request) {
        String keySpec = request.string("KeySpec");
        Integer numberOfBytes = request.integer("NumberOfBytes");
        new ValidationErrors().oneOf("keySpec", keySpec, KeyFields.DATA_KEY_SPECS)
            .range("numberOfBytes", numberOfBytes, 1, KeyFields.NUMBER_OF_BYTES_MAX)
            .throwIfAny();
        if ((keySpec == null) == (numberOfBytes == null)) {
            throw KmsError.validation("Specify either KeySpec or NumberOfBytes, but not both.");
        }
        int length = numberOfBytes != null ? numberOfBytes : "AES_128".equals(keySpec) ? 16 : 32;
        byte[] dataKey = new byte[length];
        random.nextBytes(dataKey);
        return dataKey;
    }

    private ObjectNode decrypt(Call call, KmsRequest request, @Nullable Map<String, String> context) {
        byte[] ciphertext = request.blob("CiphertextBlob");
        String keyId = request.string("KeyId");
        new ValidationErrors().required("ciphertextBlob", ciphertext)
            .blob("ciphertextBlob", ciphertext, 1, KeyFields.CIPHERTEXT_MAX)
            .text("keyId", keyId, KeyFields.KEY_ID_MIN, KeyFields.KEY_ID_MAX, null)
            .oneOf("encryptionAlgorithm", request.string("EncryptionAlgorithm"), KeyFields.ENCRYPTION_ALGORITHMS)
            .throwIfAny();
        CiphertextBlob blob = CiphertextBlob.parse(Objects.requireNonNull(ciphertext));
        Usable usable = KeyRegion.inRegion(transactions, keys, call.target(), region -> {
            SandboxKey key = region.find(blob.keyId()).orElseThrow(CiphertextBlob::invalid);
            if (keyId != null && !region.resolveAny(keyId).keyId().equals(key.keyId())) {
                throw KmsError.of("IncorrectKeyException",
                        "The key ID in the request does not identify the KMS key that encrypted the ciphertext.");
            }
            if ((blob.format() == CiphertextBlob.EXTERNAL) != key.external()) {
                throw CiphertextBlob.invalid();
            }
            return usable(region, key);
        });
        requireSymmetric(request);
        requireNoDryRun(request);
        byte[] plaintext = open(call, usable, blob, context);
        ObjectNode response = KmsOperation.emptyResponse();
        response.put("KeyId", usable.key().arn());
        response.put("Plaintext", plaintext);
        response.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        return response;
    }

    private Usable usable(KeyRegion region, SandboxKey key) {
        region.requireUsable(key);
        SandboxKeyStore store = region.storeOf(key);
        if (store.cloudHsm() != null) {
            requireActiveHsm(store);
        }
        return new Usable(key, store);
    }

    /**
     * A CloudHSM key needs at least one active HSM in its cluster (KMS Developer Guide,
     * "Using KMS keys in a CloudHSM key store"); the message is the sandbox's own.
     */
    private void requireActiveHsm(SandboxKeyStore store) {
        String clusterId = store.requireCloudHsm().clusterId();
        boolean active = aws.cluster(clusterId)
            .filter(CloudHsmCluster::active)
            .filter(cluster -> cluster.activeHsmCount() >= 1)
            .isPresent();
        if (!active) {
            throw KmsError.keyInvalidState("The AWS CloudHSM cluster " + clusterId + " of custom key store "
                    + store.id() + " has no active HSM.");
        }
    }

    /** Only SYMMETRIC_DEFAULT applies to a symmetric key. */
    private static void requireSymmetric(KmsRequest request) {
        String algorithm = request.string("EncryptionAlgorithm");
        if (algorithm != null && !algorithm.equals("SYMMETRIC_DEFAULT")) {
            throw KmsError.of("InvalidKeyUsageException",
                    "The encryption algorithm " + algorithm + " is not valid for a symmetric KMS key.");
        }
    }

    private static void requireNoDryRun(KmsRequest request) {
        if (Boolean.TRUE.equals(request.bool("DryRun"))) {
            throw KmsError.withStatus("DryRunOperationException", 412,
                    "The request would have succeeded, but the DryRun flag is set.");
        }
    }

    private byte[] seal(Call call, Usable usable, byte[] plaintext, @Nullable Map<String, String> context) {
        SandboxKey key = usable.key();
        if (!key.external()) {
            byte[] aad = CiphertextBlob.aad(CiphertextBlob.header(CiphertextBlob.CLOUDHSM, key.keyId()), context);
            return CiphertextBlob.cloudHsm(key.keyId(), material.seal(key, plaintext, aad));
        }
        byte[] aad = CiphertextBlob.aad(CiphertextBlob.header(CiphertextBlob.EXTERNAL, key.keyId()), context);
        byte[] inner = material.seal(key, plaintext, aad);
        Outcome<Wrapped> outcome = proxy.encrypt(usable.store(), xksKeyId(key), caller(call, key), inner, aad);
        if (outcome instanceof Outcome.Failed<Wrapped> failed) {
            throw failed.failure().onCryptographicOperation();
        }
        Wrapped wrapped = ((Outcome.Ok<Wrapped>) outcome).value();
        if (!wellFormed(wrapped, inner.length)) {
            throw Failure.INVALID_RESPONSE.onCryptographicOperation();
        }
        return CiphertextBlob.external(key.keyId(), wrapped);
    }

    /**
     * What KMS checks in the proxy's Encrypt answer (XKS proxy API specification,
     * Encrypt): ciphertext as long as the plaintext, IV of 12 or 16 bytes, 16-byte tag,
     * at most 20 bytes of metadata.
     */
    private static boolean wellFormed(Wrapped wrapped, int plaintextLength) {
        int iv = wrapped.initializationVector().length;
        return wrapped.ciphertext().length == plaintextLength && (iv == 12 || iv == 16)
                && wrapped.authenticationTag().length == SimulatedKeyMaterial.TAG_BYTES
                && (wrapped.ciphertextMetadata() == null || wrapped.ciphertextMetadata().length <= 20);
    }

    private byte[] open(Call call, Usable usable, CiphertextBlob blob, @Nullable Map<String, String> context) {
        SandboxKey key = usable.key();
        byte[] aad = CiphertextBlob.aad(blob.header(), context);
        if (!key.external()) {
            return material.open(key, blob.sealed(), aad).orElseThrow(CiphertextBlob::invalid);
        }
        Outcome<byte[]> outcome = proxy.decrypt(usable.store(), xksKeyId(key), caller(call, key), blob.wrapped(), aad);
        if (outcome instanceof Outcome.Failed<byte[]> failed) {
            throw failed.failure().onCryptographicOperation();
        }
        byte[] inner = ((Outcome.Ok<byte[]>) outcome).value();
        return material.open(key, inner, aad)
            .orElseThrow(() -> KmsError.keyInvalidState(ExternalKeyCalls.INNER_LAYER_INVALID));
    }

    private static String xksKeyId(SandboxKey key) {
        return Objects.requireNonNull(key.xksKeyId(), "an external key has its XksKeyId");
    }

    private Caller caller(Call call, SandboxKey key) {
        return new Caller(CreateKey.principal(call), key.arn(), name(), call.requestId());
    }

}
