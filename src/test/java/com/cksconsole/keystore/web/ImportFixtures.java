package com.cksconsole.keystore.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import org.springframework.mock.web.MockMultipartFile;

/**
 * The sample proxy configuration files of {@code src/test/resources/proxy-config/} as the
 * import tests use them.
 */
final class ImportFixtures {

    /**
     * The sandbox XKS proxy's /tenant-b registration, as a proxy configuration file
     * (test-only fixture).
     */
    static final String TENANT_B = "sandbox-tenant-b.json";

    private ImportFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = ImportFixtures.class.getResourceAsStream("/proxy-config/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** The fixture as a browser uploads it from the form's file input. */
    static MockMultipartFile upload(String name) {
        return upload(name, bytes(name));
    }

    static MockMultipartFile upload(String name, byte[] content) {
        return new MockMultipartFile(XksImports.FILE, name, "application/json", content);
    }

    /** What a browser sends for a file input without a chosen file. */
    static MockMultipartFile noFile() {
        return new MockMultipartFile(XksImports.FILE, "", "application/octet-stream", new byte[0]);
    }

    /** A valid proxy configuration padded with spaces to exactly {@code size} bytes. */
    static byte[] validOfSize(int size) {
        byte[] minimal = bytes("valid-minimal.json");
        byte[] padded = new byte[size];
        java.util.Arrays.fill(padded, (byte) ' ');
        System.arraycopy(minimal, 0, padded, 0, minimal.length);
        return padded;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every substring of the given length: none of them may appear in a page. */
    static List<String> substrings(String secret, int length) {
        return IntStream.rangeClosed(0, secret.length() - length)
            .mapToObj(i -> secret.substring(i, i + length))
            .toList();
    }

}
