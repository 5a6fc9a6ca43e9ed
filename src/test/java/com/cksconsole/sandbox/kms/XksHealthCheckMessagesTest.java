package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.cksconsole.xks.XksFailureKind;

/**
 * Create and Update answer a failed health check with the message of the XKS proxy API
 * specification's KMS considerations table ("Error codes"), word for word.
 */
class XksHealthCheckMessagesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|',
            textBlock = """
                    UNREACHABLE          | XksProxyUriUnreachableException | AWS KMS cannot communicate with the external key store proxy. This might be a transient network issue. If you see this error repeatedly, verify that your external key store proxy is active and is connected to the network, and that its endpoint URI is correct in your external keystore.
                    TLS_HANDSHAKE_FAILED | XksProxyUriUnreachableException | AWS KMS cannot establish a TLS connection to the external key store proxy. Verify the TLS configuration, including its certificate.
                    TIMED_OUT            | XksProxyUriUnreachableException | AWS KMS rejected the request because the external key store proxy did not respond in time. Retry the request. If you see this error repeatedly, report it to your external key store proxy administrator.
                    AUTHENTICATION_FAILED | XksProxyIncorrectAuthenticationCredentialException | The external key store proxy rejected the request because it could not authenticate AWS KMS. Verify the XKS proxy authentication credentials for your external key store and update if necessary.
                    INVALID_URI_PATH     | XksProxyInvalidConfigurationException | The external key store proxy rejected the request because of an invalid URI path. Verify the URI path for your external key store and update if necessary.
                    THROTTLED            | XksProxyUriUnreachableException | The external key store proxy rejected the request due to a very high request rate. Reduce the frequency of your calls using KMS keys in this external key store.
                    DEPENDENCY_TIMEOUT   | XksProxyUriUnreachableException | The external key store proxy did not respond to the request in the time allotted. Retry the request. If you see this error repeatedly, report it to your external key store proxy administrator.
                    VALIDATION_ERROR     | XksProxyInvalidResponseException | AWS KMS cannot interpret the response from the external key store proxy. If you see this error repeatedly, report it to your external key store proxy administrator.
                    INVALID_RESPONSE     | XksProxyInvalidResponseException | AWS KMS cannot interpret the response from the external key store proxy. If you see this error repeatedly, report it to your external key store proxy administrator.
                    INTERNAL_ERROR       | XksProxyInvalidResponseException | The external key store proxy rejected the request because it cannot communicate with the external key manager. Verify that the external key store proxy configuration is correct and that the external key manager is available.
                    """)
    void eachFailureHasTheSpecsMessage(XksFailureKind kind, String exception, String message) {
        KmsError error = XksHealthChecks.createOrUpdateError(kind);

        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(kind.kmsExceptionOnCreateOrUpdate()).isEqualTo(exception);
    }

}
