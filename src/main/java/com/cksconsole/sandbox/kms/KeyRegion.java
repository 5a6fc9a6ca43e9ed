package com.cksconsole.sandbox.kms;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.sandbox.kms.RegionTransactions.Region;
import com.cksconsole.sandbox.kms.SandboxKey.State;

/**
 * The KMS keys of one account and Region inside a locked transaction, with the stores
 * they live in: resolves key identifiers (KMS API Reference, DescribeKey "KeyId": key ID,
 * key ARN, alias name, alias ARN) and states the key-state rules (KMS Developer Guide,
 * "Key states of AWS KMS keys") with their documented messages.
 */
final class KeyRegion {

    private static final Pattern KEY_ID = Pattern
        .compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final Pattern ARN = Pattern.compile("arn:aws:kms:([^:]*):([^:]*):(key|alias)/(.+)");

    /**
     * The spec's text for a key of an external key store that is not connected (XKS proxy
     * API specification, "Error codes", KMS considerations).
     */
    static final String XKS_NOT_CONNECTED = "This KMS key is in a custom key store that is not connected to its "
            + "external key store proxy. Connect the external key store and try the request again.";

    private final Region stores;

    private final KeyRepository repository;

    private final AccountRegion target;

    KeyRegion(Region stores, KeyRepository repository, AccountRegion target) {
        this.stores = stores;
        this.repository = repository;
        this.target = target;
        repository.purgeDeleted(target, stores.now());
    }

    /** Runs {@code work} in the Region's locked transaction. */
    static <T> T inRegion(RegionTransactions transactions, KeyRepository repository, AccountRegion target,
            Function<KeyRegion, T> work) {
        return transactions.inRegion(target, region -> work.apply(new KeyRegion(region, repository, target)));
    }

    Region stores() {
        return stores;
    }

    KeyRepository repository() {
        return repository;
    }

    AccountRegion target() {
        return target;
    }

    List<SandboxKey> keys() {
        return repository.findAll(target);
    }

    /**
     * The key named by a key ID, key ARN, alias name or alias ARN (DescribeKey, Encrypt,
     * Decrypt, GenerateDataKey).
     */
    SandboxKey resolveAny(String keyId) {
        return resolve(keyId, true);
    }

    /**
     * The key named by a key ID or key ARN only (EnableKey, TagResource, CreateAlias
     * TargetKeyId, ...). An alias there is a NotFoundException (the real error is
     * unconfirmed).
     */
    SandboxKey resolveIdOrArn(String keyId) {
        return resolve(keyId, false);
    }

    private SandboxKey resolve(String keyId, boolean aliases) {
        if (keyId.startsWith("alias/")) {
            if (!aliases) {
                throw KmsError.resourceNotFound("Key '" + keyId + "' does not exist");
            }
            return byAlias(keyId, aliasArn(keyId));
        }
        if (keyId.startsWith("arn:")) {
            Matcher arn = ARN.matcher(keyId);
            if (!arn.matches() || arn.group(1).isEmpty() || !arn.group(2).matches("[0-9]{12}")) {
                throw KmsError.of("InvalidArnException", "The ARN '" + keyId + "' is not a valid KMS ARN.");
            }
            boolean here = arn.group(1).equals(target.region()) && arn.group(2).equals(target.accountId());
            if (arn.group(3).equals("alias")) {
                if (!aliases) {
                    throw KmsError.resourceNotFound("Key '" + keyId + "' does not exist");
                }
                if (!here) {
                    throw aliasNotFound(keyId);
                }
                return byAlias("alias/" + arn.group(4), keyId);
            }
            if (!here) {
                throw keyNotFound(keyId);
            }
            return byId(arn.group(4), keyId);
        }
        return byId(keyId, keyArn(keyId));
    }

    private SandboxKey byId(String id, String asNamed) {
        if (!KEY_ID.matcher(id).matches()) {
            throw keyNotFound(asNamed);
        }
        return repository.find(target, id).orElseThrow(() -> keyNotFound(asNamed));
    }

    private SandboxKey byAlias(String aliasName, String asNamed) {
        var alias = repository.alias(target, aliasName).orElseThrow(() -> aliasNotFound(asNamed));
        return repository.find(target, alias.keyId()).orElseThrow(() -> aliasNotFound(asNamed));
    }

    Optional<SandboxKey> find(String keyId) {
        return repository.find(target, keyId);
    }

    String keyArn(String keyId) {
        return "arn:aws:kms:" + target.region() + ":" + target.accountId() + ":key/" + keyId;
    }

    String aliasArn(String aliasName) {
        return "arn:aws:kms:" + target.region() + ":" + target.accountId() + ":" + aliasName;
    }

    static KmsError keyNotFound(String named) {
        return KmsError.resourceNotFound("Key '" + named + "' does not exist");
    }

    static KmsError aliasNotFound(String named) {
        return KmsError.resourceNotFound("Alias '" + named + "' is not found.");
    }

    SandboxKeyStore storeOf(SandboxKey key) {
        return stores.find(key.customKeyStoreId())
            .orElseThrow(() -> new IllegalStateException("key " + key.keyId() + " without its key store"));
    }

    State visibleState(SandboxKey key) {
        return key.visibleState(storeOf(key).connectionState());
    }

    /**
     * CreateAlias, TagResource, UntagResource, UpdateKeyDescription, EnableKey,
     * DisableKey, ScheduleKeyDeletion: refused for a key pending deletion.
     */
    static void requireNotPendingDeletion(SandboxKey key) {
        if (key.state() == State.PendingDeletion) {
            throw KmsError.keyInvalidState(key.arn() + " is pending deletion.");
        }
    }

    /**
     * The state rules of Encrypt, Decrypt and GenerateDataKey(WithoutPlaintext): pending
     * deletion and unavailable are KMSInvalidStateException, disabled is
     * DisabledException (409).
     */
    void requireUsable(SandboxKey key) {
        SandboxKeyStore store = storeOf(key);
        switch (key.visibleState(store.connectionState())) {
            case PendingDeletion -> throw KmsError.keyInvalidState(key.arn() + " is pending deletion.");
            case Unavailable ->
                throw KmsError.keyInvalidState(key.external() ? XKS_NOT_CONNECTED : key.arn() + " is unavailable.");
            case Disabled -> throw KmsError.withStatus("DisabledException", 409, key.arn() + " is disabled.");
            case Enabled -> {
                // usable
            }
        }
    }

    /**
     * KeyMetadata (KMS API Reference, KeyMetadata) of a key in a custom key store.
     * CloudHsmClusterId is the store's current cluster (whether it follows an updated
     * store is unconfirmed).
     */
    ObjectNode metadata(SandboxKey key) {
        SandboxKeyStore store = storeOf(key);
        State state = key.visibleState(store.connectionState());
        ObjectNode json = KmsOperation.emptyResponse();
        json.put("AWSAccountId", key.accountId());
        json.put("KeyId", key.keyId());
        json.put("Arn", key.arn());
        json.put("CreationDate", KeyStoreJson.epochSeconds(key.creationDate()));
        json.put("Enabled", state == State.Enabled);
        json.put("Description", key.description());
        json.put("KeyUsage", "ENCRYPT_DECRYPT");
        json.put("KeyState", state.name());
        if (key.state() == State.PendingDeletion && key.deletionDate() != null) {
            json.put("DeletionDate", KeyStoreJson.epochSeconds(key.deletionDate()));
        }
        json.put("Origin", key.origin());
        json.put("CustomKeyStoreId", key.customKeyStoreId());
        if (store.cloudHsm() != null) {
            json.put("CloudHsmClusterId", store.cloudHsm().clusterId());
        }
        if (key.xksKeyId() != null) {
            json.putObject("XksKeyConfiguration").put("Id", key.xksKeyId());
        }
        json.put("KeyManager", "CUSTOMER");
        json.put("CustomerMasterKeySpec", "SYMMETRIC_DEFAULT");
        json.put("KeySpec", "SYMMETRIC_DEFAULT");
        json.putArray("EncryptionAlgorithms").add("SYMMETRIC_DEFAULT");
        json.put("MultiRegion", false);
        return json;
    }

    boolean storeConnected(SandboxKey key) {
        return storeOf(key).connectionState() == ConnectionState.CONNECTED;
    }

}
