package com.cksconsole.keystore.guided;

import java.util.Set;

import com.cksconsole.keystore.KmsFailure;

/**
 * Why KMS refused a guided change's update, as a sentence that fits "KMS refused the
 * update: …". The words are in the message bundle under
 * {@code guided.update.refusal.<error code>} (KMS API Reference, UpdateCustomKeyStore,
 * Errors); an error without its own words is named as KMS answered it.
 */
final class UpdateRefusalText {

    /** The error codes the bundle explains. */
    static final Set<String> EXPLAINED = Set.of("XksProxyUriUnreachableException",
            "XksProxyIncorrectAuthenticationCredentialException", "XksProxyInvalidConfigurationException",
            "XksProxyInvalidResponseException", "XksProxyUriInUseException", "XksProxyUriEndpointInUseException",
            "XksProxyVpcEndpointServiceInUseException", "XksProxyVpcEndpointServiceNotFoundException",
            "XksProxyVpcEndpointServiceInvalidConfigurationException", "CustomKeyStoreNameInUseException",
            "CloudHsmClusterNotFoundException", "CloudHsmClusterNotRelatedException",
            "CloudHsmClusterNotActiveException", "CloudHsmClusterInvalidConfigurationException",
            "CloudHsmClusterInUseException", "CustomKeyStoreInvalidStateException", "ValidationException");

    private UpdateRefusalText() {
    }

    static Sentence of(KmsFailure failure) {
        String code = failure.errorCode();
        var why = EXPLAINED.contains(code) ? Sentence.of("guided.update.refusal." + code)
                : Sentence.of("guided.update.refusal.other", code);
        String requestId = failure.requestId();
        return requestId == null ? Sentence.of("guided.update.refusal", why, code)
                : Sentence.of("guided.update.refusal.withRequestId", why, code, requestId);
    }

}
