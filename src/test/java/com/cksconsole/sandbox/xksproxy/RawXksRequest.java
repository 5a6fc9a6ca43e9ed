package com.cksconsole.sandbox.xksproxy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A GetHealthStatus request built by hand, independently of the console's client: signed
 * with the AWS SDK signer for whatever Host the test chooses, and sent over a plain
 * socket so that the Host header can be any name (java.net.http would not allow that).
 */
final class RawXksRequest {

    /** What came back. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    private final int port;

    private String method = "POST";

    private String hostHeader;

    private String path = "/sandbox/xks-proxy/tenant-a/kms/xks/v1/health";

    private String body = "{\"requestMetadata\":{\"kmsRequestId\":\"raw-1\",\"kmsOperation\":\"KmsHealthCheck\"}}";

    private String accessKeyId = "SANDBOXTENANTAKEYID234";

    private String secret = "Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I=";

    private String region = "us-east-1";

    private String service = "kms-xks-proxy";

    private Instant signedAt = SandboxXksProxyTest.NOW;

    private String signedHost;

    private boolean signed = true;

    private String sentBody;

    private List<String> manuallySignedHeaders;

    private final Map<String, String> extraHeaders = new LinkedHashMap<>();

    RawXksRequest(int port) {
        this.port = port;
        this.hostHeader = "127.0.0.1:" + port;
        this.signedHost = hostHeader;
    }

    RawXksRequest method(String value) {
        method = value;
        return this;
    }

    /** The Host header sent and signed. */
    RawXksRequest host(String value) {
        hostHeader = value;
        signedHost = value;
        return this;
    }

    /** Sign for one Host but send another. */
    RawXksRequest signedForHost(String value) {
        signedHost = value;
        return this;
    }

    RawXksRequest path(String value) {
        path = value;
        return this;
    }

    RawXksRequest body(String value) {
        body = value;
        return this;
    }

    /** Sign {@link #body(String)} but send this instead. */
    RawXksRequest sendingBody(String value) {
        sentBody = value;
        return this;
    }

    RawXksRequest credential(String keyId, String secretAccessKey) {
        accessKeyId = keyId;
        secret = secretAccessKey;
        return this;
    }

    RawXksRequest region(String value) {
        region = value;
        return this;
    }

    RawXksRequest service(String value) {
        service = value;
        return this;
    }

    RawXksRequest signedAt(Instant value) {
        signedAt = value;
        return this;
    }

    /**
     * Sign as KMS does, with exactly these headers in SignedHeaders (lower case, sorted),
     * instead of the SDK signer's set; computed here by hand after SigV4's published
     * algorithm.
     */
    RawXksRequest signedHeaders(String... names) {
        manuallySignedHeaders = List.of(names);
        return this;
    }

    /** Send one more header (signed only if listed in {@link #signedHeaders}). */
    RawXksRequest header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    RawXksRequest unsigned() {
        signed = false;
        return this;
    }

    Response send() {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        var headers = new LinkedHashMap<String, String>();
        headers.put("Host", hostHeader);
        headers.put("Content-Type", "application/json");
        headers.putAll(extraHeaders);
        if (signed && manuallySignedHeaders != null) {
            headers.putAll(manualSignatureHeaders(payload, headers));
        }
        else if (signed) {
            signatureHeaders(payload).forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Host")) {
                    headers.put(name, value);
                }
            });
        }
        byte[] sent = sentBody == null ? payload : sentBody.getBytes(StandardCharsets.UTF_8);
        headers.put("Content-Length", String.valueOf(sent.length));
        headers.put("Connection", "close");
        return exchange(headers, sent);
    }

    private Map<String, String> manualSignatureHeaders(byte[] payload, Map<String, String> sent) {
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(signedAt);
        var values = new LinkedHashMap<String, String>();
        sent.forEach((name, value) -> values.put(name.toLowerCase(Locale.ROOT), value));
        values.put("host", signedHost);
        values.put("x-amz-date", amzDate);
        var added = new LinkedHashMap<String, String>();
        added.put("X-Amz-Date", amzDate);
        if (manuallySignedHeaders.contains("x-amz-content-sha256")) {
            values.put("x-amz-content-sha256", hex(sha256(payload)));
            added.put("X-Amz-Content-Sha256", hex(sha256(payload)));
        }
        String path = this.path.contains("?") ? this.path.substring(0, this.path.indexOf('?')) : this.path;
        var canonicalHeaders = new StringBuilder();
        for (String name : manuallySignedHeaders) {
            canonicalHeaders.append(name)
                .append(':')
                .append(values.getOrDefault(name, "").strip().replaceAll(" +", " "))
                .append('\n');
        }
        String signedHeaderList = String.join(";", manuallySignedHeaders);
        String canonicalRequest = method + "\n" + path + "\n\n" + canonicalHeaders + "\n" + signedHeaderList + "\n"
                + hex(sha256(payload));
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        added.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope + ", SignedHeaders="
                + signedHeaderList + ", Signature=" + hex(hmac(key, stringToSign)));
        return added;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private Map<String, String> signatureHeaders(byte[] payload) {
        String[] hostAndPort = signedHost.split(":");
        var request = SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.fromValue(method))
            .protocol(hostAndPort.length == 2 ? "http" : "https")
            .host(hostAndPort[0])
            .port(hostAndPort.length == 2 ? Integer.parseInt(hostAndPort[1]) : 443)
            .encodedPath(path.contains("?") ? path.substring(0, path.indexOf('?')) : path)
            .build();
        var signedRequest = AwsV4HttpSigner.create()
            .sign(sign -> sign.identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                .request(request)
                .payload(() -> new ByteArrayInputStream(payload))
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        var result = new LinkedHashMap<String, String>();
        signedRequest.request().forEachHeader((name, values) -> result.put(name, String.join(",", values)));
        return result;
    }

    private Response exchange(Map<String, String> headers, byte[] payload) {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            var head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            var out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            return parse(socket.getInputStream());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response parse(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        byte[] rest = Arrays.copyOfRange(all, end + 4, all.length);
        byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? unchunk(rest) : rest;
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] chunked) {
        var out = new ByteArrayOutputStream();
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        int position = 0;
        while (true) {
            int lineEnd = text.indexOf("\r\n", position);
            int size = Integer.parseInt(text.substring(position, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }

}
