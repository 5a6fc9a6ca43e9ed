package com.cksconsole.keys.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.OriginType;

import com.cksconsole.keys.KeyAuditAction;
import com.cksconsole.keys.KeyInventory;
import com.cksconsole.keys.KmsKey;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.TargetKmsCalls;
import com.cksconsole.kms.KeyStoreRef;

/**
 * The console's changes of KMS keys in a custom key store, each audited (intent before
 * the KMS call, outcome after) and each dropping the target's key read afterwards, so
 * that the next page shows the change.
 */
@Component
public class KeyOperations {

    /**
     * The round trip's encryption context: it names the console, so that the test's calls
     * are recognisable in CloudTrail.
     */
    public static final Map<String, String> ROUND_TRIP_CONTEXT = Map.of("purpose", "cks-console-round-trip");

    /** Fixed and harmless: the round trip never encrypts anything of value. */
    private static final byte[] ROUND_TRIP_PLAINTEXT = "Custom Key Store Console round-trip test"
        .getBytes(StandardCharsets.UTF_8);

    private final TargetKmsCalls kms;

    private final KeyAuditing auditing;

    private final KeyInventory inventory;

    KeyOperations(TargetKmsCalls kms, KeyAuditing auditing, KeyInventory inventory) {
        this.kms = kms;
        this.auditing = auditing;
        this.inventory = inventory;
    }

    /**
     * A key and the KMS request ID that created it; aliasRefused when CreateAlias failed.
     */
    public record Created(KmsKey key, @Nullable KmsCallException aliasRefused) {
    }

    /**
     * Whether an alias name is in use in the target (KMS API Reference, CreateAlias:
     * alias names are unique per account and Region), checked before CreateKey so that a
     * taken alias creates no key.
     */
    public boolean aliasTaken(KeyStoreRef ref, String alias) {
        return kms.call("ListAliases", ref.target(),
                client -> client.listAliasesPaginator(r -> r.limit(100))
                    .aliases()
                    .stream()
                    .map(AliasListEntry::aliasName)
                    .anyMatch(alias::equals));
    }

    /**
     * CreateKey in the store (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT, origin of the store's
     * type), then CreateAlias when an alias was given.
     * @throws KmsCallException CreateKey failed (nothing created)
     */
    public Created create(KeyStoreRef ref, CustomKeyStore store, NewKey key) {
        OriginType origin = store.isExternal() ? OriginType.EXTERNAL_KEY_STORE : OriginType.AWS_CLOUDHSM;
        Map<String, String> values = new LinkedHashMap<>();
        values.put("CustomKeyStoreId", ref.keyStoreId());
        values.put("Origin", origin.toString());
        if (store.isExternal() && key.xksKeyId() != null) {
            values.put("XksKeyId", key.xksKeyId());
        }
        values.put("Description", key.description());
        if (key.alias() != null) {
            values.put("AliasName", key.alias());
        }
        try {
            var response = auditing.audited(KeyAuditAction.CREATE_KEY, ref, store.name(), values,
                    () -> kms.call("CreateKey", ref.target(), client -> client.createKey(r -> {
                        r.customKeyStoreId(ref.keyStoreId())
                            .origin(origin)
                            .keySpec(KeySpec.SYMMETRIC_DEFAULT)
                            .keyUsage(KeyUsageType.ENCRYPT_DECRYPT)
                            .description(key.description());
                        if (store.isExternal()) {
                            r.xksKeyId(key.xksKeyId());
                        }
                    })), r -> r.responseMetadata().requestId());
            KeyMetadata metadata = response.keyMetadata();
            KmsCallException aliasRefused = null;
            if (key.alias() != null) {
                try {
                    kms.call("CreateAlias", ref.target(),
                            client -> client.createAlias(r -> r.aliasName(key.alias()).targetKeyId(metadata.keyId())));
                }
                catch (KmsCallException e) {
                    aliasRefused = e;
                }
            }
            return new Created(KeyReader.toKey(metadata,
                    key.alias() == null || aliasRefused != null ? java.util.List.of() : java.util.List.of(key.alias())),
                    aliasRefused);
        }
        finally {
            inventory.forget(ref.target());
        }
    }

    /** EnableKey or DisableKey. */
    public void setEnabled(KeyStoreRef ref, String storeName, String keyId, boolean enable) {
        try {
            auditing.audited(enable ? KeyAuditAction.ENABLE_KEY : KeyAuditAction.DISABLE_KEY, ref, storeName,
                    Map.of(KeyAuditing.KEY_ID, keyId),
                    () -> kms.call(enable ? "EnableKey" : "DisableKey", ref.target(),
                            client -> enable ? client.enableKey(r -> r.keyId(keyId)).responseMetadata().requestId()
                                    : client.disableKey(r -> r.keyId(keyId)).responseMetadata().requestId()),
                    requestId -> requestId);
        }
        finally {
            inventory.forget(ref.target());
        }
    }

    /**
     * ScheduleKeyDeletion with a waiting period of 7 to 30 days (KMS API Reference,
     * ScheduleKeyDeletion: PendingWindowInDays).
     * @return the deletion date KMS set
     */
    public Optional<Instant> scheduleDeletion(KeyStoreRef ref, String storeName, String keyId, int days) {
        if (days < 7 || days > 30) {
            throw new IllegalArgumentException("The waiting period is 7 to 30 days");
        }
        try {
            var response = auditing.audited(KeyAuditAction.SCHEDULE_KEY_DELETION, ref, storeName,
                    Map.of(KeyAuditing.KEY_ID, keyId, "PendingWindowInDays", Integer.toString(days)),
                    () -> kms.call("ScheduleKeyDeletion", ref.target(),
                            client -> client.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(days))),
                    r -> r.responseMetadata().requestId());
            return Optional.ofNullable(response.deletionDate());
        }
        finally {
            inventory.forget(ref.target());
        }
    }

    /**
     * CancelKeyDeletion: the key returns as Disabled (KMS API Reference,
     * CancelKeyDeletion).
     */
    public void cancelDeletion(KeyStoreRef ref, String storeName, String keyId) {
        try {
            auditing.audited(KeyAuditAction.CANCEL_KEY_DELETION, ref, storeName, Map.of(KeyAuditing.KEY_ID, keyId),
                    () -> kms.call("CancelKeyDeletion", ref.target(),
                            client -> client.cancelKeyDeletion(r -> r.keyId(keyId))),
                    r -> r.responseMetadata().requestId());
        }
        finally {
            inventory.forget(ref.target());
        }
    }

    /**
     * Encrypt then Decrypt of the fixed test plaintext with {@link #ROUND_TRIP_CONTEXT},
     * timed, audited as one event. A failure of either call is the result, not an
     * exception.
     * @throws com.cksconsole.audit.AuditUnavailableException nothing was sent
     */
    public RoundTripResult roundTrip(KeyStoreRef ref, String storeName, String keyId) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(KeyAuditing.KEY_ID, keyId);
        values.put("EncryptionContext", "purpose=" + ROUND_TRIP_CONTEXT.get("purpose"));
        return auditing.auditedRoundTrip(ref, storeName, values, () -> run(ref, keyId));
    }

    private RoundTripResult run(KeyStoreRef ref, String keyId) {
        String[] message = new String[1];
        long started = System.nanoTime();
        SdkBytes ciphertext;
        try {
            ciphertext = kms.call("Encrypt", ref.target(), client -> {
                try {
                    return client
                        .encrypt(r -> r.keyId(keyId)
                            .plaintext(SdkBytes.fromByteArray(ROUND_TRIP_PLAINTEXT))
                            .encryptionContext(ROUND_TRIP_CONTEXT))
                        .ciphertextBlob();
                }
                catch (KmsException e) {
                    message[0] = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
                    throw e;
                }
            });
        }
        catch (KmsCallException e) {
            return failed("Encrypt", e, Duration.ofNanos(System.nanoTime() - started), null, message[0]);
        }
        Duration encrypt = Duration.ofNanos(System.nanoTime() - started);
        started = System.nanoTime();
        byte[] plaintext;
        try {
            plaintext = kms.call("Decrypt", ref.target(), client -> {
                try {
                    return client
                        .decrypt(r -> r.keyId(keyId).ciphertextBlob(ciphertext).encryptionContext(ROUND_TRIP_CONTEXT))
                        .plaintext()
                        .asByteArray();
                }
                catch (KmsException e) {
                    message[0] = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
                    throw e;
                }
            });
        }
        catch (KmsCallException e) {
            return failed("Decrypt", e, encrypt, Duration.ofNanos(System.nanoTime() - started), message[0]);
        }
        Duration decrypt = Duration.ofNanos(System.nanoTime() - started);
        boolean match = Arrays.equals(plaintext, ROUND_TRIP_PLAINTEXT);
        Arrays.fill(plaintext, (byte) 0);
        return new RoundTripResult(encrypt, decrypt, match, null, null, null, null);
    }

    private static RoundTripResult failed(String operation, KmsCallException e, @Nullable Duration encrypt,
            @Nullable Duration decrypt, @Nullable String message) {
        return new RoundTripResult("Encrypt".equals(operation) ? null : encrypt, decrypt, false, operation,
                e.failure().errorCode(), KmsMessages.shown(message), e.failure().requestId());
    }

}
