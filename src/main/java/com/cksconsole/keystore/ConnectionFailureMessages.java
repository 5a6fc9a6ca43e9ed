package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.ConnectionState;

/**
 * Operator sentences for a failed ConnectCustomKeyStore or DisconnectCustomKeyStore (KMS
 * API Reference, ConnectCustomKeyStore; KMS API Reference, DisconnectCustomKeyStore):
 * what happened, the state the key store is in, and what to do. Shared by the detail
 * page's buttons and the guided changes.
 */
public final class ConnectionFailureMessages {

    private ConnectionFailureMessages() {
    }

    public static String of(ConnectionOperation operation, KmsFailure failure, @Nullable CustomKeyStore current) {
        String state = current == null ? null : current.connectionState().name();
        if (failure.is("CustomKeyStoreInvalidStateException")) {
            return invalidState(operation, current) + requestId(failure);
        }
        if (failure.is("CloudHsmClusterNotActiveException")) {
            return "KMS did not connect the key store: its CloudHSM cluster is not active. KMS needs an initialized, "
                    + "active cluster with at least one active HSM. Activate the cluster (and add an HSM if it has "
                    + "none), then connect again. The key store stays DISCONNECTED." + requestId(failure);
        }
        if (failure.is("CloudHsmClusterInvalidConfigurationException")) {
            return "KMS did not connect the key store: its CloudHSM cluster does not meet KMS's requirements "
                    + "(private subnets in at least two Availability Zones and the cluster security group rules "
                    + "KMS needs). Fix the cluster's configuration, then connect again. The key store stays "
                    + "DISCONNECTED." + requestId(failure);
        }
        if (failure.is("CustomKeyStoreNotFoundException")) {
            return "The key store no longer exists in KMS.";
        }
        String nowIs = state == null ? "" : " The key store is " + state + " now.";
        return switch (failure.kind()) {
            case THROTTLED -> "KMS is receiving too many requests right now (ThrottlingException). Nothing was done: "
                    + "try again in a few seconds." + nowIs;
            case KMS_INTERNAL -> "KMS had an internal error (" + failure.errorCode() + requestIdInline(failure)
                    + "), so it did not " + operation.verb() + " the key store. Try again in a moment." + nowIs;
            case CREDENTIALS_REFUSED -> "KMS did not accept the console's AWS credentials (" + failure.errorCode()
                    + "). Nothing was done. Ask an administrator to check the console's credentials and permissions "
                    + "(kms:" + operation.kmsOperation() + ").";
            case TARGET_UNAVAILABLE -> "The console no longer uses this key store's account and Region (the target is "
                    + "disabled or was refused by its check). Nothing was done.";
            case TIMED_OUT,
                    UNREACHABLE ->
                "KMS did not answer in time, so it is not known whether the request " + "arrived."
                        + (state == null ? " Check the key store's state before you try again."
                                : nowIs + " Check that this is what you expect before you try again.");
            case REFUSED -> "KMS refused to " + operation.verb() + " the key store with " + failure.errorCode()
                    + requestIdInline(failure) + "." + nowIs;
        };
    }

    private static String invalidState(ConnectionOperation operation, @Nullable CustomKeyStore current) {
        var state = current == null ? ConnectionState.UNKNOWN : current.connectionState();
        String prefix = "KMS refused to " + operation.verb() + " the key store because of its connection state";
        if (current == null) {
            return prefix + ". Reload the key store to see its state.";
        }
        if (operation == ConnectionOperation.CONNECT) {
            return switch (state) {
                case FAILED -> prefix + ": it is FAILED. A FAILED key store must be disconnected first (that is the "
                        + "way out of FAILED); fix the cause of the failure, then connect it.";
                case DISCONNECTING ->
                    prefix + ": it is still DISCONNECTING. Wait until it is DISCONNECTED, then " + "connect it.";
                case CONNECTED, CONNECTING -> prefix + ": it is already " + state + ". Nothing more to do.";
                default -> prefix + " (it is " + state + " now).";
            };
        }
        return switch (state) {
            case DISCONNECTED -> prefix + ": it is already DISCONNECTED. Nothing more to do.";
            case DISCONNECTING -> prefix + ": it is already DISCONNECTING. Wait until it is DISCONNECTED.";
            default -> prefix + " (it is " + state + " now).";
        };
    }

    private static String requestId(KmsFailure failure) {
        return failure.requestId() == null ? "" : " (KMS request ID " + failure.requestId() + ")";
    }

    private static String requestIdInline(KmsFailure failure) {
        return failure.requestId() == null ? "" : ", request ID " + failure.requestId();
    }

}
