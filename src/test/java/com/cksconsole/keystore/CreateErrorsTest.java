package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every error of CreateCustomKeyStore (KMS API Reference, CreateCustomKeyStore, Errors)
 * lands on the step and field it concerns.
 */
class CreateErrorsTest {

    @ParameterizedTest
    @CsvSource({ "CustomKeyStoreNameInUseException, NAME, customKeyStoreName", "LimitExceededException, NAME, target",
            "XksProxyUriInUseException, PROXY, xksProxyUriPath",
            "XksProxyUriEndpointInUseException, PROXY, xksProxyUriEndpoint",
            "XksProxyVpcEndpointServiceInUseException, CONNECTIVITY, xksProxyVpcEndpointServiceName",
            "XksProxyVpcEndpointServiceNotFoundException, CONNECTIVITY, xksProxyVpcEndpointServiceName",
            "XksProxyVpcEndpointServiceInvalidConfigurationException, CONNECTIVITY, xksProxyVpcEndpointServiceName",
            "XksProxyIncorrectAuthenticationCredentialException, PROXY, xksProxyAuthenticationCredential.accessKeyId",
            "XksProxyInvalidConfigurationException, PROXY, xksProxyUriPath",
            "XksProxyUriUnreachableException, PROXY, xksProxyUriEndpoint",
            "XksProxyInvalidResponseException, PROXY, xksProxyUriEndpoint",
            "CloudHsmClusterNotFoundException, CLUSTER, cloudHsmClusterId",
            "CloudHsmClusterNotActiveException, CLUSTER, cloudHsmClusterId",
            "CloudHsmClusterInvalidConfigurationException, CLUSTER, cloudHsmClusterId",
            "CloudHsmClusterInUseException, CLUSTER, cloudHsmClusterId",
            "IncorrectTrustAnchorException, TRUST_ANCHOR, trustAnchorCertificate" })
    void eachRefusalLandsOnItsField(String code, CreateStep step, String field) {
        var problem = CreateErrors.of(new KmsFailure(KmsFailureKind.REFUSED, code, "req-1"));
        assertThat(problem.step()).isEqualTo(step);
        assertThat(problem.field()).isEqualTo(field);
        assertThat(problem.kmsError()).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({ "KMSInternalException, KMS_INTERNAL", "ThrottlingException, THROTTLED", "Timeout, TIMED_OUT",
            "ValidationException, REFUSED" })
    void whatNoFieldCausedGoesToTheReviewStep(String code, KmsFailureKind kind) {
        var problem = CreateErrors.of(new KmsFailure(kind, code, null));
        assertThat(problem.step()).isEqualTo(CreateStep.REVIEW);
        assertThat(problem.field()).isNull();
    }

}
