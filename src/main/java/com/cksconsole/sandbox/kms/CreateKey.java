package com.cksconsole.sandbox.kms;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.KmsField;
import com.cksconsole.sandbox.kms.ExternalKeyCalls.Caller;
import com.cksconsole.sandbox.kms.ExternalKeyCalls.Metadata;
import com.cksconsole.sandbox.kms.ExternalKeyCalls.Outcome;
import com.cksconsole.sandbox.kms.SandboxKmsProperties.CloudHsmCluster;

/**
 * CreateKey for keys in custom key stores (KMS API Reference, CreateKey; KMS Developer
 * Guide, "Create a KMS key in an AWS CloudHSM key store" and "Create KMS keys in an
 * external key store"). The sandbox creates only such keys. Check order (AWS's is
 * undocumented): shape, combination rules, store exists, origin matches the store type,
 * store CONNECTED, quota and tags, then the CloudHSM cluster or the external key.
 *
 * <p>
 * An external key is checked with the proxy's GetKeyMetadata outside the Region's
 * transaction (a network call); the rules are checked again under the lock before the key
 * is stored.
 */
final class CreateKey implements KmsOperation {

    /** Customer managed keys per account and Region (KMS Developer Guide, "Quotas"). */
    static final int KEY_QUOTA = 100_000;

    /** Key policy size (KMS Developer Guide, "Resource quotas"). */
    static final int POLICY_MAX_BYTES = 32_768;

    private final RegionTransactions transactions;

    private final KeyRepository keys;

    private final SimulatedAws aws;

    private final ExternalKeyCalls proxy;

    CreateKey(RegionTransactions transactions, KeyRepository keys, SimulatedAws aws, ExternalKeyCalls proxy) {
        this.transactions = transactions;
        this.keys = keys;
        this.aws = aws;
        this.proxy = proxy;
    }

    @Override
    public String name() {
        return "CreateKey";
    }

    private record Input(String storeId, String origin, @Nullable String xksKeyId, String description,
            Map<String, String> tags) {
    }

    @Override
    public ObjectNode handle(Call call, KmsRequest request) {
        Input input = read(request);
        SandboxKeyStore store = KeyRegion.inRegion(transactions, keys, call.target(), region -> check(region, input));
        if (input.xksKeyId() != null) {
            checkExternalKey(store, input.xksKeyId(), call);
        }
        SandboxKey created = KeyRegion.inRegion(transactions, keys, call.target(), region -> {
            SandboxKeyStore now = check(region, input);
            if (!Objects.equals(now.xks(), store.xks())) {
                // The store now names another proxy: the checked answer is not about it.
                throw KmsError.internal();
            }
            var key = new SandboxKey(call.target().accountId(), call.target().region(), UUID.randomUUID().toString(),
                    now.id(), input.origin(), SandboxKey.State.Enabled, input.description(), region.stores().now(),
                    null, input.xksKeyId());
            keys.insert(key);
            keys.replaceTags(call.target(), key.keyId(), input.tags());
            return key;
        });
        ObjectNode response = KmsOperation.emptyResponse();
        response.set("KeyMetadata",
                KeyRegion.inRegion(transactions, keys, call.target(), region -> region.metadata(created)));
        return response;
    }

    private static Input read(KmsRequest request) {
        String storeId = request.string("CustomKeyStoreId");
        String origin = request.string("Origin");
        String xksKeyId = request.string("XksKeyId");
        String keySpec = request.string("KeySpec");
        String masterKeySpec = request.string("CustomerMasterKeySpec");
        String keyUsage = request.string("KeyUsage");
        String description = request.string("Description");
        String policy = request.string("Policy");
        Boolean multiRegion = request.bool("MultiRegion");
        request.bool("BypassPolicyLockoutSafetyCheck");
        new ValidationErrors().check("customKeyStoreId", KmsField.CUSTOM_KEY_STORE_ID, storeId)
            .oneOf("origin", origin, KeyFields.ORIGINS)
            .text("xksKeyId", xksKeyId, 1, KeyFields.XKS_KEY_ID_MAX, KeyFields.XKS_KEY_ID_PATTERN)
            .oneOf("keySpec", keySpec, KeyFields.KEY_SPECS)
            .oneOf("customerMasterKeySpec", masterKeySpec, KeyFields.KEY_SPECS)
            .oneOf("keyUsage", keyUsage, KeyFields.KEY_USAGES)
            .text("description", description, 0, KeyFields.DESCRIPTION_MAX, null)
            .text("policy", policy, 1, 131_072, null)
            .throwIfAny();
        Map<String, String> tags = KeyFields.tags(request, "tags", "Tags");
        // The model calls these combinations invalid without naming the error:
        // UnsupportedOperationException, whose model text fits them (unconfirmed).
        String effectiveOrigin = origin == null ? "AWS_KMS" : origin;
        boolean customOrigin = effectiveOrigin.equals(SandboxKey.ORIGIN_CLOUDHSM)
                || effectiveOrigin.equals(SandboxKey.ORIGIN_XKS);
        if (storeId == null || !customOrigin) {
            throw unsupported("The sandbox creates only KMS keys in custom key stores: specify CustomKeyStoreId with "
                    + "Origin AWS_CLOUDHSM or EXTERNAL_KEY_STORE.");
        }
        if (effectiveOrigin.equals(SandboxKey.ORIGIN_XKS) != (xksKeyId != null)) {
            throw unsupported(xksKeyId == null ? "XksKeyId is required when Origin is EXTERNAL_KEY_STORE."
                    : "XksKeyId is valid only when Origin is EXTERNAL_KEY_STORE.");
        }
        for (String spec : new String[] { keySpec, masterKeySpec }) {
            if (spec != null && !spec.equals("SYMMETRIC_DEFAULT")) {
                throw unsupported("KMS keys in a custom key store must have the key spec SYMMETRIC_DEFAULT.");
            }
        }
        if (keyUsage != null && !keyUsage.equals("ENCRYPT_DECRYPT")) {
            throw unsupported("KMS keys in a custom key store must have the key usage ENCRYPT_DECRYPT.");
        }
        if (Boolean.TRUE.equals(multiRegion)) {
            throw unsupported("You cannot create a multi-Region key in a custom key store.");
        }
        if (policy != null && policy.getBytes(StandardCharsets.UTF_8).length > POLICY_MAX_BYTES) {
            throw KmsError.of("LimitExceededException",
                    "The key policy is larger than the quota of " + POLICY_MAX_BYTES + " bytes.");
        }
        return new Input(storeId, effectiveOrigin, xksKeyId, description == null ? "" : description,
                tags == null ? Map.of() : tags);
    }

    /** The rules that need the Region's state; returns the store the key goes into. */
    private SandboxKeyStore check(KeyRegion region, Input input) {
        SandboxKeyStore store = region.stores().require(input.storeId());
        KeyStoreType wanted = input.origin().equals(SandboxKey.ORIGIN_CLOUDHSM) ? KeyStoreType.AWS_CLOUDHSM
                : KeyStoreType.EXTERNAL_KEY_STORE;
        if (store.type() != wanted) {
            throw unsupported("Origin " + input.origin() + " does not match custom key store " + store.id()
                    + ", which is of type " + store.type() + ".");
        }
        if (store.connectionState() != ConnectionState.CONNECTED) {
            throw KmsError.invalidState(store.type() == KeyStoreType.EXTERNAL_KEY_STORE ? KeyRegion.XKS_NOT_CONNECTED
                    : "Custom key store " + store.id() + " is " + store.connectionState()
                            + ". Connect it (ConnectCustomKeyStore) before you create KMS keys in it.");
        }
        if (region.keys().size() >= KEY_QUOTA) {
            throw KmsError.of("LimitExceededException",
                    "This account and Region already have " + KEY_QUOTA + " customer managed KMS keys.");
        }
        KeyFields.requireTagCount(input.tags().size());
        if (store.cloudHsm() != null) {
            requireTwoZones(store.cloudHsm().clusterId());
        }
        else if (region.repository()
            .findByStore(region.target(), store.id())
            .stream()
            .anyMatch(key -> Objects.equals(key.xksKeyId(), input.xksKeyId()))) {
            throw KmsError.of("XksKeyAlreadyInUseException", "The external key " + input.xksKeyId()
                    + " is already associated with a KMS key in custom key store " + store.id() + ".");
        }
        return store;
    }

    /**
     * KMS creates the key in the cluster only with at least two active HSMs in different
     * Availability Zones (KMS API Reference, CreateKey).
     */
    private void requireTwoZones(String clusterId) {
        Optional<CloudHsmCluster> cluster = aws.cluster(clusterId);
        var zones = cluster.filter(CloudHsmCluster::active)
            .map(found -> new HashSet<>(SimulatedCluster.hsmZones(found)))
            .orElseGet(HashSet::new);
        if (zones.size() < 2) {
            throw KmsError.of("CloudHsmClusterInvalidConfigurationException", "The associated AWS CloudHSM cluster "
                    + clusterId + " must contain at least two active HSMs, each in a different Availability Zone.");
        }
    }

    /**
     * GetKeyMetadata with kmsOperation CreateKey; the key must be AES_256, usable for
     * ENCRYPT and DECRYPT, and ENABLED (messages: KMS Developer Guide, "Troubleshooting
     * external key stores", CreateKey errors for the external key).
     */
    private void checkExternalKey(SandboxKeyStore store, String xksKeyId, Call call) {
        var caller = new Caller(principal(call), null, name(), call.requestId());
        Outcome<Metadata> outcome = proxy.getKeyMetadata(store, xksKeyId, caller);
        if (outcome instanceof Outcome.Failed<Metadata> failed) {
            throw failed.failure().onCreateKey();
        }
        Metadata metadata = ((Outcome.Ok<Metadata>) outcome).value();
        if (!"AES_256".equals(metadata.keySpec())) {
            throw invalidConfiguration("The key spec of the external key must be AES_256. The key spec of specified "
                    + "external key is " + metadata.keySpec() + ".");
        }
        if (!metadata.keyUsage().contains("ENCRYPT") || !metadata.keyUsage().contains("DECRYPT")) {
            throw invalidConfiguration("The key usage of the external key must include ENCRYPT and DECRYPT. The key "
                    + "use of specified external key is " + String.join(", ", metadata.keyUsage()) + ".");
        }
        if (!"ENABLED".equals(metadata.keyStatus())) {
            throw invalidConfiguration("The status of the external key must be ENABLED. The status of specified "
                    + "external key is " + metadata.keyStatus() + ".");
        }
    }

    /** The caller as KMS names it to the proxy (awsPrincipalArn). */
    static String principal(Call call) {
        return "arn:aws:iam::" + call.target().accountId() + ":root";
    }

    private static KmsError invalidConfiguration(String message) {
        return KmsError.of("XksKeyInvalidConfigurationException", message);
    }

    private static KmsError unsupported(String message) {
        return KmsError.of("UnsupportedOperationException", message);
    }

}
