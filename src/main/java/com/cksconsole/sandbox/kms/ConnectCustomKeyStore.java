package com.cksconsole.sandbox.kms;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KmsField;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.sandbox.kms.RegionTransactions.Plan;
import com.cksconsole.sandbox.kms.RegionTransactions.Region;
import com.cksconsole.sandbox.kms.SandboxKeyStore.Pending;
import com.cksconsole.sandbox.kms.SandboxKmsProperties.CloudHsmCluster;
import com.cksconsole.xks.XksFailureKind;

/**
 * ConnectCustomKeyStore (KMS API Reference, ConnectCustomKeyStore; KMS API Reference,
 * CustomKeyStoresListEntry): answers as soon as the connection has started. The store is
 * CONNECTING for the configured delay and then CONNECTED or FAILED with a
 * ConnectionErrorCode; the outcome is decided now (cluster state, kmsuser password, VPC
 * endpoint service, proxy health check) and revealed at the deadline. Only an inactive
 * CloudHSM cluster fails synchronously; XKS problems never throw here.
 */
final class ConnectCustomKeyStore implements KmsOperation {

    private final RegionTransactions transactions;

    private final SimulatedAws aws;

    private final KeyStoreRules rules;

    private final Duration delay;

    ConnectCustomKeyStore(RegionTransactions transactions, SimulatedAws aws, KeyStoreRules rules, Duration delay) {
        this.transactions = transactions;
        this.aws = aws;
        this.rules = rules;
        this.delay = delay;
    }

    @Override
    public String name() {
        return "ConnectCustomKeyStore";
    }

    @Override
    public ObjectNode handle(Call call, KmsRequest request) {
        String id = StoreIdRequest.read(request);
        transactions.execute(call.target(), call.requestId(), region -> plan(region, id));
        return KmsOperation.emptyResponse();
    }

    private Plan<Boolean> plan(Region region, String id) {
        SandboxKeyStore store = region.require(id);
        switch (store.connectionState()) {
            case FAILED -> throw KmsError.invalidState("Custom key store " + id + " is FAILED. Disconnect it "
                    + "(DisconnectCustomKeyStore), fix the cause, then connect it again.");
            case DISCONNECTING -> throw KmsError.invalidState("Custom key store " + id + " is DISCONNECTING. Wait "
                    + "until it is DISCONNECTED, then connect it.");
            case CONNECTING, CONNECTED -> {
                // Accepted as a no-op (the exception text lists these states as valid;
                // unconfirmed).
                return Plan.direct(healthy -> Boolean.FALSE);
            }
            case DISCONNECTED -> {
                // continue below
            }
        }
        if (store.cloudHsm() != null) {
            String errorCode = cloudHsmOutcome(store);
            return Plan.direct(healthy -> start(region, store, errorCode));
        }
        var xks = store.requireXks();
        if (xks.connectivity() == XksConnectivity.VPC_ENDPOINT_SERVICE) {
            String vpcError = rules.vpcEndpointServiceConnectError(region.name(), xks);
            if (vpcError != null) {
                return Plan.direct(healthy -> start(region, store, vpcError));
            }
        }
        return new Plan<>(KeyStoreRules.healthCheck(xks, name()), failure -> start(region, store,
                failure.map(XksFailureKind::connectionErrorCodeOnConnect).orElse(null)));
    }

    /** The ConnectionErrorCode the connection will end in, or null for CONNECTED. */
    private @Nullable String cloudHsmOutcome(SandboxKeyStore store) {
        var hsm = store.requireCloudHsm();
        Optional<CloudHsmCluster> found = aws.cluster(hsm.clusterId());
        if (found.isEmpty()) {
            return "CLUSTER_NOT_FOUND";
        }
        CloudHsmCluster cluster = found.get();
        KeyStoreRules.requireActive(hsm.clusterId(), cluster);
        if (cluster.connectErrorCode() != null) {
            return cluster.connectErrorCode();
        }
        if (cluster.activeHsmCount() < 1) {
            return "INSUFFICIENT_CLOUDHSM_HSMS";
        }
        if (cluster.kmsuserPassword() == null) {
            return "USER_NOT_FOUND";
        }
        return cluster.kmsuserPassword().equals(hsm.keyStorePassword()) ? null : "INVALID_CREDENTIALS";
    }

    private Boolean start(Region region, SandboxKeyStore store, @Nullable String errorCode) {
        ConnectionState outcome = errorCode == null ? ConnectionState.CONNECTED : ConnectionState.FAILED;
        region.update(store.transitioning(ConnectionState.CONNECTING,
                new Pending(outcome, errorCode, region.now().plus(delay))));
        return Boolean.TRUE;
    }

    /** The one member of Connect/Disconnect/Delete requests. */
    static final class StoreIdRequest {

        private StoreIdRequest() {
        }

        static String read(KmsRequest request) {
            String id = request.string("CustomKeyStoreId");
            new ValidationErrors().required("customKeyStoreId", id)
                .check("customKeyStoreId", KmsField.CUSTOM_KEY_STORE_ID, id)
                .throwIfAny();
            return String.valueOf(id);
        }

    }

}
