package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests recorded byte for byte from the real AWS CLI v1 (1.45.11, botocore 1.43.11)
 * with the sandbox credentials ({@code src/test/resources/sandbox-kms/*.http}), replayed
 * at the time they were signed. Only a {@code Connection: close} header (unsigned) is
 * added.
 */
class CliReplayTest extends FrozenClockTestSupport {

    private static final Pattern DATE = Pattern.compile("(?m)^X-Amz-Date: (\\S+)$");

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    record Reply(int status, String headers, JsonNode body) {
    }

    @Test
    void theClisDescribeRequestIsAccepted() throws IOException {
        String request = fixture("cli-describe-by-name.http");
        setClock(signedAt(request).plusSeconds(2));

        Reply reply = send(request);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).containsIgnoringCase("Content-Type: application/x-amz-json-1.1")
            .containsIgnoringCase("x-amzn-RequestId: ");
        assertThat(reply.body().get("CustomKeyStores").get(0).get("CustomKeyStoreName").stringValue())
            .isEqualTo("ekm-public-tenant-a");
    }

    @Test
    void theClisCreateRequestReachesTheOperation() throws IOException {
        String request = fixture("cli-create-cloudhsm.http");
        setClock(signedAt(request).plusSeconds(2));

        Reply reply = send(request);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("__type").stringValue()).isEqualTo("IncorrectTrustAnchorException");
    }

    @Test
    void theClisDescribeKeyFindsTheSeededKeyByItsAlias() throws IOException {
        String request = fixture("cli-describe-key-by-alias.http");
        setClock(signedAt(request).plusSeconds(2));

        Reply reply = send(request);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode metadata = reply.body().get("KeyMetadata");
        assertThat(metadata.get("KeyId").stringValue()).isEqualTo("5c1f7a3e-2b9d-4e61-8a0f-3d7c9e5b1a42");
        assertThat(metadata.get("Origin").stringValue()).isEqualTo("AWS_CLOUDHSM");
        assertThat(metadata.get("CreationDate").isNumber()).isTrue();
    }

    @Test
    void theClisEncryptGivesABlobTheSdkDecryptsWithTheSameContext() throws IOException {
        String request = fixture("cli-encrypt-with-context.http");
        setClock(signedAt(request).plusSeconds(2));

        Reply reply = send(request);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("KeyId").stringValue()).endsWith(":key/5c1f7a3e-2b9d-4e61-8a0f-3d7c9e5b1a42");
        byte[] blob = java.util.Base64.getDecoder().decode(reply.body().get("CiphertextBlob").stringValue());
        setClock(Instant.now());
        try (var sdk = client("us-east-1")) {
            var decrypted = sdk.decrypt(b -> b.ciphertextBlob(software.amazon.awssdk.core.SdkBytes.fromByteArray(blob))
                .encryptionContext(java.util.Map.of("purpose", "cli-replay")));
            assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("cli plaintext");
        }
    }

    @Test
    void theClisCreateKeyInADisconnectedStoreIsRefused() throws IOException {
        String request = fixture("cli-create-key-disconnected-store.http");
        setClock(signedAt(request).plusSeconds(2));

        Reply reply = send(request);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("__type").stringValue()).isEqualTo("CustomKeyStoreInvalidStateException");
    }

    @Test
    void theSameRequestSixMinutesLaterHasExpired() throws IOException {
        String request = fixture("cli-describe-by-name.http");
        setClock(signedAt(request).plus(Duration.ofMinutes(6)));

        Reply reply = send(request);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("__type").stringValue()).isEqualTo("InvalidSignatureException");
        assertThat(reply.body().get("message").stringValue()).startsWith("Signature expired: ");
    }

    @Test
    void theSameRequestWithAnotherBodyIsRefused() throws IOException {
        // Same length, so Content-Length still fits.
        String request = fixture("cli-describe-by-name.http").replace("ekm-public-tenant-a", "ekm-public-tenant-b");
        setClock(signedAt(request).plusSeconds(2));

        Reply reply = send(request);

        assertThat(reply.body().get("__type").stringValue()).isEqualTo("InvalidSignatureException");
    }

    private static Instant signedAt(String request) {
        Matcher matcher = DATE.matcher(request);
        assertThat(matcher.find()).isTrue();
        return LocalDateTime.parse(matcher.group(1), AMZ_DATE).toInstant(ZoneOffset.UTC);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = CliReplayTest.class.getResourceAsStream("/sandbox-kms/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Reply send(String request) throws IOException {
        int split = request.indexOf("\n\n");
        String head = request.substring(0, split).replace("\n", "\r\n") + "\r\nConnection: close\r\n\r\n";
        byte[] body = request.substring(split + 2).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int bodyStart = response.indexOf("\r\n\r\n");
            String headers = response.substring(0, bodyStart);
            int status = Integer.parseInt(headers.substring(9, 12));
            return new Reply(status, headers, JsonMapper.builder().build().readTree(response.substring(bodyStart + 4)));
        }
    }

}
