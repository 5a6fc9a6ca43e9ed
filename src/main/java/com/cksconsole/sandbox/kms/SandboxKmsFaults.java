package com.cksconsole.sandbox.kms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.cksconsole.kms.XksProxyMessages;
import com.cksconsole.sandbox.ConditionalOnSandboxMode;

/**
 * KMS errors injected into the sandbox for rehearsals and tests: "the next N calls of
 * operation X (optionally only those naming custom key store Y) answer with error E". E
 * must be an error the KMS API Reference lists for that operation (its "Errors" section),
 * answered with the HTTP status of the KMS service model, so that a console or script
 * meets only what real KMS can send. An injected call is refused before the operation
 * runs: the sandbox changes nothing for it.
 *
 * <p>
 * One instance's memory only, like the proxy settings. Several injections queue up in the
 * order they were made; each call consumes at most one, atomically.
 */
@Component
@ConditionalOnSandboxMode
public class SandboxKmsFaults {

    /** How often one injection may fire. */
    public static final int MAX_TIMES = 10;

    private static final int MAX_KEY_STORE_ID_LENGTH = 64;

    private static final Logger log = LoggerFactory.getLogger(SandboxKmsFaults.class);

    private static final String INTERNAL = "KMSInternalException";

    private static final String NOT_FOUND = "CustomKeyStoreNotFoundException";

    private static final String INVALID_STATE = "CustomKeyStoreInvalidStateException";

    private static final String NAME_IN_USE = "CustomKeyStoreNameInUseException";

    private static final String CLUSTER_NOT_ACTIVE = "CloudHsmClusterNotActiveException";

    private static final String CLUSTER_INVALID_CONFIGURATION = "CloudHsmClusterInvalidConfigurationException";

    private static final String CLUSTER_NOT_FOUND = "CloudHsmClusterNotFoundException";

    private static final String XKS_CREDENTIAL = "XksProxyIncorrectAuthenticationCredentialException";

    private static final String XKS_UNREACHABLE = "XksProxyUriUnreachableException";

    private static final String XKS_INVALID_RESPONSE = "XksProxyInvalidResponseException";

    private static final String XKS_INVALID_CONFIGURATION = "XksProxyInvalidConfigurationException";

    private static final String XKS_URI_IN_USE = "XksProxyUriInUseException";

    private static final String XKS_ENDPOINT_IN_USE = "XksProxyUriEndpointInUseException";

    private static final String VPC_SERVICE_IN_USE = "XksProxyVpcEndpointServiceInUseException";

    private static final String VPC_SERVICE_NOT_FOUND = "XksProxyVpcEndpointServiceNotFoundException";

    private static final String VPC_SERVICE_INVALID = "XksProxyVpcEndpointServiceInvalidConfigurationException";

    /**
     * The errors each operation may be made to answer: those the KMS API Reference lists
     * under "<Operation>, Errors". DependencyTimeoutException (503) is not among them for
     * the custom key store operations (it is for operations on KMS keys), so it cannot be
     * injected here; KMSInternalException is their retryable server error.
     */
    private static final Map<String, List<String>> ALLOWED = allowed();

    /**
     * The HTTP status of every error other than 400 (KMS service model): among these
     * operations only KMSInternalException.
     */
    private static final Map<String, Integer> STATUS = Map.of(INTERNAL, 500);

    private final List<Pending> queue = new ArrayList<>();

    /**
     * One injection not yet used up.
     *
     * @param operation the KMS operation, e.g. {@code UpdateCustomKeyStore}
     * @param keyStoreId only calls naming this custom key store; {@code null} for every
     * call of the operation
     * @param errorType the KMS error name ({@code __type})
     * @param httpStatus its HTTP status
     * @param remaining how many more calls it answers
     */
    public record Pending(String operation, @Nullable String keyStoreId, String errorType, int httpStatus,
            int remaining) {
    }

    /**
     * The operations that accept injections, each with the errors it may answer, in the
     * order of the KMS API Reference.
     */
    public static Map<String, List<String>> allowedErrors() {
        return ALLOWED;
    }

    /** The HTTP status KMS answers this error with. */
    public static int httpStatusOf(String errorType) {
        return STATUS.getOrDefault(errorType, 400);
    }

    /**
     * Makes the next {@code times} calls of {@code operation} (only those naming
     * {@code keyStoreId} in {@code CustomKeyStoreId}, when given) answer with
     * {@code errorType}.
     * @throws IllegalArgumentException the operation takes no injections, the error is
     * not one of its errors, {@code times} is not 1-10 or the key store ID is longer than
     * 64 characters
     */
    public synchronized void inject(String operation, @Nullable String keyStoreId, String errorType, int times) {
        List<String> errors = ALLOWED.get(operation);
        if (errors == null) {
            throw new IllegalArgumentException(
                    "Faults can be injected into " + String.join(", ", ALLOWED.keySet()) + ", not '" + operation + "'");
        }
        if (!errors.contains(errorType)) {
            throw new IllegalArgumentException("The KMS API Reference lists no error '" + errorType + "' for "
                    + operation + "; choose one of " + String.join(", ", errors));
        }
        if (times < 1 || times > MAX_TIMES) {
            throw new IllegalArgumentException("times must be 1 to " + MAX_TIMES);
        }
        String storeId = keyStoreId == null || keyStoreId.isBlank() ? null : keyStoreId.strip();
        if (storeId != null && storeId.length() > MAX_KEY_STORE_ID_LENGTH) {
            throw new IllegalArgumentException("A custom key store ID has 1 to 64 characters");
        }
        queue.add(new Pending(operation, storeId, errorType, httpStatusOf(errorType), times));
        log.info("Sandbox KMS: fault injected: the next {} {} call(s){} answer {}", times, operation,
                storeId == null ? "" : " for " + storeId, errorType);
    }

    /** Drops every injection not yet used up. */
    public synchronized void clear() {
        if (!queue.isEmpty()) {
            log.info("Sandbox KMS: {} pending fault injection(s) cleared", queue.size());
        }
        queue.clear();
    }

    /** The injections not yet used up, oldest first. */
    public synchronized List<Pending> pending() {
        return List.copyOf(queue);
    }

    /**
     * Uses up one call of the oldest matching injection, if any: the error this call must
     * answer with.
     */
    synchronized Optional<KmsError> consume(String operation, @Nullable String keyStoreId) {
        for (int index = 0; index < queue.size(); index++) {
            Pending pending = queue.get(index);
            if (!pending.operation().equals(operation)
                    || (pending.keyStoreId() != null && !pending.keyStoreId().equals(keyStoreId))) {
                continue;
            }
            if (pending.remaining() == 1) {
                queue.remove(index);
            }
            else {
                queue.set(index, new Pending(pending.operation(), pending.keyStoreId(), pending.errorType(),
                        pending.httpStatus(), pending.remaining() - 1));
            }
            log.info("Sandbox KMS: injected fault consumed: {}{} answers {} ({} left)", operation,
                    pending.keyStoreId() == null ? "" : " for " + pending.keyStoreId(), pending.errorType(),
                    pending.remaining() - 1);
            return Optional.of(KmsError.withStatus(pending.errorType(), pending.httpStatus(),
                    message(pending.errorType(), keyStoreId)));
        }
        return Optional.empty();
    }

    /**
     * The message KMS sends with each error: the texts of the KMS API Reference's error
     * descriptions, and for the XKS proxy errors the XKS proxy API specification's KMS
     * considerations table, as the sandbox's own checks send them.
     */
    static String message(String errorType, @Nullable String keyStoreId) {
        String store = keyStoreId == null ? "The custom key store" : "Custom key store " + keyStoreId;
        return switch (errorType) {
            case INTERNAL -> String.valueOf(KmsError.internal().getMessage());
            case NOT_FOUND ->
                String.valueOf(KmsError.notFound(keyStoreId == null ? "(unnamed)" : keyStoreId).getMessage());
            case INVALID_STATE -> "The request was rejected because of the ConnectionState of the custom key store. "
                    + store + " is not in a connection state that allows this operation; use "
                    + "DescribeCustomKeyStores to get its ConnectionState.";
            case NAME_IN_USE -> "The request was rejected because the specified custom key store name is already "
                    + "assigned to another custom key store in the account. Try again with a custom key store name "
                    + "that is unique in the account.";
            case CLUSTER_NOT_ACTIVE -> "The request was rejected because the CloudHSM cluster associated with the "
                    + "CloudHSM key store is not active. Initialize and activate the cluster and try the command again.";
            case CLUSTER_INVALID_CONFIGURATION -> "The request was rejected because the associated CloudHSM cluster "
                    + "did not meet the configuration requirements for a CloudHSM key store.";
            case CLUSTER_NOT_FOUND -> "The request was rejected because KMS cannot find the CloudHSM cluster with the "
                    + "specified cluster ID. Retry the request with a different cluster ID.";
            case "CloudHsmClusterNotRelatedException" -> "The request was rejected because the specified CloudHSM "
                    + "cluster has a different cluster certificate than the original cluster.";
            case "CloudHsmClusterInUseException" -> "The request was rejected because the specified CloudHSM cluster "
                    + "is already associated with a CloudHSM key store in the account, or it shares a backup history "
                    + "with a CloudHSM key store in the account.";
            case "IncorrectTrustAnchorException" -> "The request was rejected because the trust anchor certificate "
                    + "in the request to create a CloudHSM key store is not the trust anchor certificate for the "
                    + "specified CloudHSM cluster.";
            case "LimitExceededException" -> "The request was rejected because a quota was exceeded: an account and "
                    + "Region can have at most 10 custom key stores.";
            case "InvalidMarkerException" -> "The request was rejected because the marker that specifies where "
                    + "pagination should next begin is not valid.";
            case "CustomKeyStoreHasCMKsException" -> "The request was rejected because the custom key store contains "
                    + "KMS keys. After verifying that you do not need to use the KMS keys, use the ScheduleKeyDeletion "
                    + "operation to delete the KMS keys. After they are deleted, you can delete the custom key store.";
            case XKS_CREDENTIAL -> XksProxyMessages.AUTHENTICATION_FAILED;
            case XKS_UNREACHABLE -> XksProxyMessages.UNREACHABLE;
            case XKS_INVALID_RESPONSE -> XksProxyMessages.CANNOT_INTERPRET;
            case XKS_INVALID_CONFIGURATION -> XksProxyMessages.INVALID_URI_PATH;
            case XKS_URI_IN_USE -> "The request was rejected because the concatenation of the XksProxyUriEndpoint "
                    + "and XksProxyUriPath is already associated with another external key store in this account "
                    + "and Region. Each external key store must use a unique external key store proxy API address.";
            case XKS_ENDPOINT_IN_USE -> "The request was rejected because the XksProxyUriEndpoint is already "
                    + "associated with another external key store in this Region.";
            case VPC_SERVICE_IN_USE -> "The request was rejected because the specified Amazon VPC endpoint service is "
                    + "already associated with another external key store in this Region. Each external key store in "
                    + "a Region must use a different Amazon VPC endpoint service.";
            case VPC_SERVICE_NOT_FOUND -> "The request was rejected because KMS could not find the specified VPC "
                    + "endpoint service. Use DescribeCustomKeyStores to verify the VPC endpoint service name for the "
                    + "external key store.";
            case VPC_SERVICE_INVALID -> "The request was rejected because the Amazon VPC endpoint service "
                    + "configuration does not fulfill the requirements for an external key store.";
            default -> throw new IllegalStateException("no message for " + errorType);
        };
    }

    private static Map<String, List<String>> allowed() {
        var allowed = new LinkedHashMap<String, List<String>>();
        allowed.put("UpdateCustomKeyStore",
                List.of(XKS_CREDENTIAL, XKS_UNREACHABLE, INVALID_STATE, INTERNAL, NOT_FOUND, NAME_IN_USE,
                        XKS_INVALID_RESPONSE, XKS_INVALID_CONFIGURATION, XKS_URI_IN_USE, XKS_ENDPOINT_IN_USE,
                        VPC_SERVICE_IN_USE, VPC_SERVICE_NOT_FOUND, VPC_SERVICE_INVALID, CLUSTER_NOT_FOUND,
                        "CloudHsmClusterNotRelatedException", CLUSTER_NOT_ACTIVE, CLUSTER_INVALID_CONFIGURATION));
        allowed.put("ConnectCustomKeyStore",
                List.of(INVALID_STATE, NOT_FOUND, CLUSTER_NOT_ACTIVE, CLUSTER_INVALID_CONFIGURATION, INTERNAL));
        allowed.put("DescribeCustomKeyStores", List.of(NOT_FOUND, "InvalidMarkerException", INTERNAL));
        allowed.put("DisconnectCustomKeyStore", List.of(INVALID_STATE, NOT_FOUND, INTERNAL));
        allowed.put("DeleteCustomKeyStore",
                List.of("CustomKeyStoreHasCMKsException", INVALID_STATE, NOT_FOUND, INTERNAL));
        allowed.put("CreateCustomKeyStore",
                List.of(XKS_CREDENTIAL, XKS_UNREACHABLE, NAME_IN_USE, "LimitExceededException", INTERNAL,
                        CLUSTER_NOT_FOUND, CLUSTER_NOT_ACTIVE, CLUSTER_INVALID_CONFIGURATION,
                        "CloudHsmClusterInUseException", "IncorrectTrustAnchorException", XKS_INVALID_RESPONSE,
                        XKS_INVALID_CONFIGURATION, XKS_URI_IN_USE, XKS_ENDPOINT_IN_USE, VPC_SERVICE_IN_USE,
                        VPC_SERVICE_NOT_FOUND, VPC_SERVICE_INVALID));
        allowed.forEach((operation, errors) -> errors.forEach(error -> message(error, null)));
        return java.util.Collections.unmodifiableMap(allowed);
    }

}
