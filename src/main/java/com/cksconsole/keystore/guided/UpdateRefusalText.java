package com.cksconsole.keystore.guided;

import java.util.Map;

import com.cksconsole.keystore.KmsFailure;

/** Why KMS refused a guided change's update, in a sentence that fits "KMS refused the update: …". */
final class UpdateRefusalText {

    private static final Map<String, String> BY_ERROR = Map.ofEntries(
            Map.entry("XksProxyUriUnreachableException", "KMS could not reach the proxy at the new endpoint and "
                    + "path within 250 ms, or the proxy reports every external key manager unavailable"),
            Map.entry("XksProxyIncorrectAuthenticationCredentialException", "the proxy rejected the credential"),
            Map.entry("XksProxyInvalidConfigurationException", "the proxy does not know the proxy URI path"),
            Map.entry("XksProxyInvalidResponseException", "the proxy gave an answer KMS cannot interpret"),
            Map.entry("XksProxyUriInUseException", "another external key store already uses this endpoint and path"),
            Map.entry("XksProxyUriEndpointInUseException", "this endpoint is already taken by another external key "
                    + "store"),
            Map.entry("XksProxyVpcEndpointServiceInUseException", "another external key store already uses this "
                    + "VPC endpoint service"),
            Map.entry("XksProxyVpcEndpointServiceNotFoundException", "KMS cannot find this VPC endpoint service, or "
                    + "it does not allow the principal cks.kms.<region>.amazonaws.com"),
            Map.entry("XksProxyVpcEndpointServiceInvalidConfigurationException", "the VPC endpoint service does not "
                    + "meet KMS's requirements"),
            Map.entry("CustomKeyStoreNameInUseException", "another custom key store already has this name"),
            Map.entry("CloudHsmClusterNotFoundException", "KMS cannot find the CloudHSM cluster"),
            Map.entry("CloudHsmClusterNotRelatedException", "the cluster is not related to the key store's cluster "
                    + "(it must share its backup history)"),
            Map.entry("CloudHsmClusterNotActiveException", "the CloudHSM cluster is not active"),
            Map.entry("CloudHsmClusterInvalidConfigurationException", "the CloudHSM cluster does not meet KMS's "
                    + "requirements"),
            Map.entry("CloudHsmClusterInUseException", "the cluster already backs another key store"),
            Map.entry("CustomKeyStoreInvalidStateException", "the key store's connection state did not allow it"),
            Map.entry("ValidationException", "KMS did not accept one of the values"));

    private UpdateRefusalText() {
    }

    static String of(KmsFailure failure) {
        String why = BY_ERROR.getOrDefault(failure.errorCode(), "KMS answered " + failure.errorCode());
        return why + " (" + failure.errorCode() + (failure.requestId() == null ? ""
                : ", request ID " + failure.requestId()) + ")";
    }
}
