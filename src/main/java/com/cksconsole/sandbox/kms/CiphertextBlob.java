package com.cksconsole.sandbox.kms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import com.cksconsole.sandbox.kms.ExternalKeyCalls.Wrapped;

/**
 * The sandbox's CiphertextBlob (KMS's own format is unpublished; KMS Developer Guide,
 * "Symmetric encryption"). A 37-byte header names the key (format byte, then the key ID
 * in ASCII), so Decrypt finds the key without KeyId; the header and the encryption
 * context are the AAD of every layer, so neither can be changed.
 *
 * <pre>
 * format 1 (CloudHSM key):  header | IV (12) | ciphertext | tag (16)
 * format 2 (external key):  header | IV length (1) | IV | tag (16) | metadata length (1) | metadata | ciphertext
 * </pre>
 *
 * In format 2 the fields are the proxy's Encrypt answer, kept byte for byte (XKS proxy
 * API specification, Encrypt, "KMS Considerations"); what the proxy encrypted is KMS's
 * own sealed layer (format 1 without header).
 */
final class CiphertextBlob {

    static final byte CLOUDHSM = 1;

    static final byte EXTERNAL = 2;

    private static final int KEY_ID_BYTES = 36;

    static final int HEADER_BYTES = 1 + KEY_ID_BYTES;

    private final byte[] bytes;

    private CiphertextBlob(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Reads a blob; bytes that cannot be a sandbox blob are an
     * InvalidCiphertextException.
     */
    static CiphertextBlob parse(byte[] bytes) {
        if (bytes.length < HEADER_BYTES || (bytes[0] != CLOUDHSM && bytes[0] != EXTERNAL)) {
            throw invalid();
        }
        return new CiphertextBlob(bytes);
    }

    static byte[] header(byte format, String keyId) {
        byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        if (id.length != KEY_ID_BYTES) {
            throw new IllegalArgumentException("not a key ID");
        }
        byte[] header = new byte[HEADER_BYTES];
        header[0] = format;
        System.arraycopy(id, 0, header, 1, KEY_ID_BYTES);
        return header;
    }

    static byte[] cloudHsm(String keyId, byte[] sealed) {
        return concat(header(CLOUDHSM, keyId), sealed);
    }

    static byte[] external(String keyId, Wrapped wrapped) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(header(EXTERNAL, keyId));
        out.write(wrapped.initializationVector().length);
        out.writeBytes(wrapped.initializationVector());
        out.writeBytes(wrapped.authenticationTag());
        byte[] metadata = wrapped.ciphertextMetadata() == null ? new byte[0] : wrapped.ciphertextMetadata();
        out.write(metadata.length);
        out.writeBytes(metadata);
        out.writeBytes(wrapped.ciphertext());
        return out.toByteArray();
    }

    byte format() {
        return bytes[0];
    }

    String keyId() {
        return new String(bytes, 1, KEY_ID_BYTES, StandardCharsets.US_ASCII);
    }

    byte[] header() {
        return Arrays.copyOf(bytes, HEADER_BYTES);
    }

    /** Format 1: the sealed bytes after the header. */
    byte[] sealed() {
        return Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length);
    }

    /**
     * Format 2: the proxy's fields; a missing metadata field stays missing, as the proxy
     * returned it.
     */
    Wrapped wrapped() {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
            byte[] iv = new byte[Byte.toUnsignedInt(in.get())];
            in.get(iv);
            byte[] tag = new byte[SimulatedKeyMaterial.TAG_BYTES];
            in.get(tag);
            int metadataLength = Byte.toUnsignedInt(in.get());
            byte[] metadata = new byte[metadataLength];
            in.get(metadata);
            byte[] ciphertext = new byte[in.remaining()];
            in.get(ciphertext);
            if (ciphertext.length == 0) {
                throw invalid();
            }
            return new Wrapped(ciphertext, iv, tag, metadataLength == 0 ? null : metadata);
        }
        catch (java.nio.BufferUnderflowException e) {
            throw invalid();
        }
    }

    /**
     * The AAD of every layer: the header, then the encryption context in a canonical form
     * (sorted by key; count and lengths as 4-byte big-endian integers, UTF-8 text), so a
     * changed, missing or extra pair does not decrypt.
     */
    static byte[] aad(byte[] header, @Nullable Map<String, String> encryptionContext) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(header);
        Map<String, String> sorted = encryptionContext == null ? Map.of() : new TreeMap<>(encryptionContext);
        out.writeBytes(ByteBuffer.allocate(4).putInt(sorted.size()).array());
        sorted.forEach((key, value) -> {
            writeText(out, key);
            writeText(out, value);
        });
        return out.toByteArray();
    }

    private static void writeText(ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
        out.writeBytes(utf8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    static KmsError invalid() {
        return KmsError.of("InvalidCiphertextException", "The ciphertext is not valid: it is corrupted, was not "
                + "produced by KMS, or its encryption context differs from the one it was encrypted with.");
    }

    @Override
    public String toString() {
        return "CiphertextBlob[format=" + bytes[0] + ", keyId=" + keyId() + "]";
    }

}
