package com.cksconsole.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The sandbox's {@code customerCA.crt} of a cluster's backup family, as an operator
 * downloads it from the sandbox page
 * ({@code /sandbox/cloudhsm/<cluster>/customerCA.crt}).
 */
public final class SandboxCustomerCa {

    private SandboxCustomerCa() {
    }

    public static byte[] of(int port, String clusterId) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest
                    .newBuilder(URI
                        .create("http://127.0.0.1:" + port + "/sandbox/cloudhsm/" + clusterId + "/customerCA.crt"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.US_ASCII)).startsWith("-----BEGIN CERTIFICATE");
            return response.body();
        }
        catch (IOException ex) {
            throw new AssertionError("could not fetch the customerCA.crt of " + clusterId, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

}
