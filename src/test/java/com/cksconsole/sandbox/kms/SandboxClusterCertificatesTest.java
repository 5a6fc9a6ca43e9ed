package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/**
 * Sandbox users fetch a simulated cluster's trust anchor to create CloudHSM key stores
 * with the AWS CLI.
 */
class SandboxClusterCertificatesTest extends SandboxKmsTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aClustersTrustAnchorIsServedAsPemAndAcceptedByCreate() throws Exception {
        var response = get("/sandbox/cloudhsm/" + SPARE_CLUSTER + "/customerCA.crt");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-pem-file");
        assertThat(response.body()).isEqualTo(trustAnchorOf(SPARE_CLUSTER));
        String id = kms
            .createCustomKeyStore(b -> b.customKeyStoreName("pem-from-endpoint")
                .cloudHsmClusterId(SPARE_CLUSTER)
                .trustAnchorCertificate(response.body())
                .keyStorePassword(SPARE_CLUSTER_PASSWORD))
            .customKeyStoreId();
        assertThat(id).isNotBlank();
    }

    @Test
    void clustersOfOneBackupFamilyShareTheirTrustAnchor() throws Exception {
        assertThat(get("/sandbox/cloudhsm/" + FINANCE_CLUSTER + "/customerCA.crt").body())
            .isEqualTo(get("/sandbox/cloudhsm/" + FINANCE_CLONE_CLUSTER + "/customerCA.crt").body())
            .isNotEqualTo(get("/sandbox/cloudhsm/" + PAYMENTS_CLUSTER + "/customerCA.crt").body());
    }

    @Test
    void anUnknownClusterHasNone() throws Exception {
        assertThat(get("/sandbox/cloudhsm/cluster-abcdefghijk/customerCA.crt").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
