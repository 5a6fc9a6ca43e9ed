package com.cksconsole.sandbox.kms;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.XksConnectivity;

/**
 * One custom key store as the sandbox keeps it. Exactly one of {@code cloudHsm} and
 * {@code xks} is set, by type.
 *
 * @param accountId the account that owns the store; with {@code region}, the
 * {@link AccountRegion} it lives in
 * @param pending the transition a CONNECTING/DISCONNECTING store makes once its deadline
 * has passed
 * @param version optimistic version, incremented by every write
 */
record SandboxKeyStore(String accountId, String id, String region, String name, KeyStoreType type,
        ConnectionState connectionState, @Nullable String connectionErrorCode, @Nullable Pending pending,
        Instant creationDate, @Nullable CloudHsmSettings cloudHsm, @Nullable XksSettings xks, long version) {

    /** Where a transient state ends, and when. */
    record Pending(ConnectionState state, @Nullable String errorCode, Instant settleAt) {
    }

    /**
     * @param keyStorePassword the kmsuser password as told to KMS (a secret; never
     * returned or logged)
     */
    record CloudHsmSettings(String clusterId, String trustAnchorCertificate, String keyStorePassword) {

        @Override
        public String toString() {
            return "CloudHsmSettings[clusterId=" + clusterId + ", keyStorePassword=<redacted>]";
        }
    }

    /**
     * @param rawSecretAccessKey the XKS proxy secret (never returned or logged)
     */
    record XksSettings(XksConnectivity connectivity, String uriEndpoint, String uriPath,
            @Nullable String vpcEndpointServiceName, @Nullable String vpcEndpointServiceOwner, String accessKeyId,
            String rawSecretAccessKey) {

        /** The endpoint's host name ({@code https://host}). */
        String host() {
            return uriEndpoint.substring("https://".length());
        }

        @Override
        public String toString() {
            return "XksSettings[connectivity=" + connectivity + ", uriEndpoint=" + uriEndpoint + ", uriPath=" + uriPath
                    + ", vpcEndpointServiceName=" + vpcEndpointServiceName + ", accessKeyId=<redacted>, "
                    + "rawSecretAccessKey=<redacted>]";
        }
    }

    AccountRegion accountRegion() {
        return new AccountRegion(accountId, region);
    }

    CloudHsmSettings requireCloudHsm() {
        if (cloudHsm == null) {
            throw new IllegalStateException("not a CloudHSM key store: " + id);
        }
        return cloudHsm;
    }

    XksSettings requireXks() {
        if (xks == null) {
            throw new IllegalStateException("not an external key store: " + id);
        }
        return xks;
    }

    /**
     * The store as it is at {@code now}: a transition whose deadline has passed has
     * happened.
     */
    SandboxKeyStore settledAt(Instant now) {
        if (pending == null || now.isBefore(pending.settleAt())) {
            return this;
        }
        return new SandboxKeyStore(accountId, id, region, name, type, pending.state(), pending.errorCode(), null,
                creationDate, cloudHsm, xks, version);
    }

    boolean isDue(Instant now) {
        return pending != null && !now.isBefore(pending.settleAt());
    }

    SandboxKeyStore withName(String newName) {
        return new SandboxKeyStore(accountId, id, region, newName, type, connectionState, connectionErrorCode, pending,
                creationDate, cloudHsm, xks, version);
    }

    SandboxKeyStore withCloudHsm(CloudHsmSettings settings) {
        return new SandboxKeyStore(accountId, id, region, name, type, connectionState, connectionErrorCode, pending,
                creationDate, settings, xks, version);
    }

    SandboxKeyStore withXks(XksSettings settings) {
        return new SandboxKeyStore(accountId, id, region, name, type, connectionState, connectionErrorCode, pending,
                creationDate, cloudHsm, settings, version);
    }

    /**
     * Enters a transient state that ends in {@code pending}. The error code only exists
     * while FAILED.
     */
    SandboxKeyStore transitioning(ConnectionState transientState, Pending next) {
        return new SandboxKeyStore(accountId, id, region, name, type, transientState, null, next, creationDate,
                cloudHsm, xks, version);
    }

    @Override
    public String toString() {
        return "SandboxKeyStore[accountId=" + accountId + ", id=" + id + ", region=" + region + ", name=" + name
                + ", type=" + type + ", state=" + connectionState + ", cloudHsm=" + cloudHsm + ", xks=" + xks + "]";
    }
}
