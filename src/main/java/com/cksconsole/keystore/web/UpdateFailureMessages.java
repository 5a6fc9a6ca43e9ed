package com.cksconsole.keystore.web;

import java.util.List;
import java.util.Map;

import org.springframework.validation.Errors;

import com.cksconsole.keystore.KeyStoreUpdateFailedException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.kms.KeyStoreType;

/**
 * Turns a failed UpdateCustomKeyStore into operator sentences, bound to the form field
 * they concern where there is one, otherwise to the form as a whole (the error summary).
 * Never shows KMS's own message text.
 */
final class UpdateFailureMessages {

    static final String TRY_AGAIN = "Nothing was changed. Try again in a moment.";

    private static final String NAME_IN_USE = "Another custom key store in this account and Region already has "
            + "this name. Choose another name.";

    /**
     * KMS error name -> (form fields, sentence). An empty field list means the error
     * summary.
     */
    private record Binding(List<String> fields, String message) {
    }

    private static final Map<String, Binding> XKS = Map.of("CustomKeyStoreNameInUseException",
            new Binding(List.of(XksUpdateForm.NAME), NAME_IN_USE), "XksProxyUriInUseException",
            new Binding(List.of(XksUpdateForm.ENDPOINT, XksUpdateForm.PATH),
                    "Another external key store already uses this endpoint and path together. Change the "
                            + "endpoint or the path."),
            "XksProxyUriEndpointInUseException",
            new Binding(List.of(XksUpdateForm.ENDPOINT),
                    "This endpoint is already taken: a public key store cannot use the endpoint of a VPC key "
                            + "store, and every VPC key store needs its own private DNS name."),
            "XksProxyVpcEndpointServiceInUseException",
            new Binding(List.of(XksUpdateForm.SERVICE_NAME),
                    "Another external key store already uses this VPC endpoint service; each one needs its own."),
            "XksProxyVpcEndpointServiceNotFoundException",
            new Binding(List.of(XksUpdateForm.SERVICE_NAME),
                    "KMS cannot find this VPC endpoint service in this Region, or the service does not allow the "
                            + "principal cks.kms.<region>.amazonaws.com."),
            "XksProxyVpcEndpointServiceInvalidConfigurationException",
            new Binding(List.of(XksUpdateForm.SERVICE_NAME), "This VPC endpoint service does not meet KMS's "
                    + "requirements: a Network Load Balancer in at least two Availability Zones, the KMS principal "
                    + "allowed, acceptance not required and a verified private DNS name."),
            "XksProxyUriUnreachableException",
            new Binding(List.of(XksUpdateForm.ENDPOINT),
                    "KMS could not reach the proxy at this endpoint and path within 250 ms, or the proxy reports "
                            + "every external key manager unavailable. Nothing was changed."),
            "XksProxyIncorrectAuthenticationCredentialException",
            new Binding(List.of(XksUpdateForm.ACCESS_KEY_ID, XksUpdateForm.SECRET), "The proxy rejected this "
                    + "credential. Enter the access key ID and secret access key the proxy is configured with."),
            "XksProxyInvalidConfigurationException",
            new Binding(List.of(XksUpdateForm.PATH),
                    "The proxy does not know this path. Check the path in the proxy's configuration."),
            "XksProxyInvalidResponseException",
            new Binding(List.of(XksUpdateForm.ENDPOINT),
                    "The proxy at this endpoint gave an answer KMS cannot interpret. Nothing was changed; check "
                            + "the proxy, or report the problem to its vendor."));

    private static final Map<String, Binding> CLOUDHSM = Map.of("CustomKeyStoreNameInUseException",
            new Binding(List.of(CloudHsmUpdateForm.NAME), NAME_IN_USE), "CloudHsmClusterNotFoundException",
            new Binding(List.of(CloudHsmUpdateForm.CLUSTER_ID),
                    "KMS cannot find a CloudHSM cluster with this ID in this account and Region."),
            "CloudHsmClusterNotRelatedException",
            new Binding(List.of(CloudHsmUpdateForm.CLUSTER_ID),
                    "This cluster is not related to the key store's cluster: it must be the same cluster or one "
                            + "created from a backup of it (same cluster certificate)."),
            "CloudHsmClusterNotActiveException",
            new Binding(List.of(CloudHsmUpdateForm.CLUSTER_ID),
                    "This cluster is not active. Initialize and activate it first."),
            "CloudHsmClusterInvalidConfigurationException",
            new Binding(List.of(CloudHsmUpdateForm.CLUSTER_ID),
                    "This cluster does not meet KMS's requirements: at least two active HSMs in different "
                            + "Availability Zones, private subnets in two zones and the cluster security group "
                            + "rules."),
            "CloudHsmClusterInUseException", new Binding(List.of(CloudHsmUpdateForm.CLUSTER_ID),
                    "This cluster (or one sharing its backup history) already backs another key store."));

    private UpdateFailureMessages() {
    }

    /**
     * Records the failure in {@code errors}: on the fields concerned, or as a form-wide
     * error.
     */
    static void bind(KeyStoreUpdateFailedException e, KeyStoreType type, Errors errors) {
        var failure = e.failure();
        var binding = (type == KeyStoreType.EXTERNAL_KEY_STORE ? XKS : CLOUDHSM).get(failure.errorCode());
        if (binding != null) {
            for (String field : binding.fields()) {
                errors.rejectValue(field, failure.errorCode(), binding.message());
            }
            return;
        }
        errors.reject(failure.errorCode(), summary(e));
    }

    /** The sentence for a failure that concerns no single field. */
    static String summary(KeyStoreUpdateFailedException e) {
        var failure = e.failure();
        if (failure.is("CustomKeyStoreInvalidStateException")) {
            String state = e.current() == null ? "unknown" : e.current().connectionState().name();
            return "KMS refused the change because of the key store's connection state (it is " + state
                    + " now). Nothing was changed. The form below shows which values can be changed in this state.";
        }
        if (failure.is("ValidationException")) {
            return "KMS did not accept one of the values (ValidationException" + requestId(failure)
                    + "). Nothing was changed. Check the values against the hints below.";
        }
        return switch (failure.kind()) {
            case THROTTLED -> "KMS is receiving too many requests right now (ThrottlingException). " + TRY_AGAIN;
            case KMS_INTERNAL ->
                "KMS had an internal error (" + failure.errorCode() + requestId(failure) + "). " + TRY_AGAIN;
            case CREDENTIALS_REFUSED -> "KMS did not accept the console's AWS credentials (" + failure.errorCode()
                    + "). Nothing was changed. Ask an administrator to check the console's credentials.";
            case TIMED_OUT, UNREACHABLE -> e.confirmedUnchanged()
                    ? "KMS did not answer in time. A fresh look at the key store shows that nothing was changed. "
                            + "Try again in a moment."
                    : "KMS did not answer in time, so the change is not confirmed. Check the key store's current "
                            + "values before you try again.";
            case TARGET_UNAVAILABLE -> "The console no longer uses this key store's account and Region (the target "
                    + "is disabled or was refused by its check). Nothing was changed.";
            case REFUSED ->
                "KMS refused the change with " + failure.errorCode() + requestId(failure) + ". Nothing was changed.";
        };
    }

    private static String requestId(KmsFailure failure) {
        return failure.requestId() == null ? "" : ", request ID " + failure.requestId();
    }

}
