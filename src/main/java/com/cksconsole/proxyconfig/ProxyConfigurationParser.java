package com.cksconsole.proxyconfig;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns an uploaded XKS proxy configuration file, or the same JSON pasted as text, into
 * form values checked like typed input, or into a refusal with one plain sentence per
 * problem.
 *
 * <p>
 * Checks run cheapest first and each has its own message: the file name's length, size
 * (before anything is parsed), empty, UTF-32 and UTF-16 (each named with its byte order),
 * binary content, strict UTF-8, blank; then {@link ProxyConfigurationReader} reads the
 * JSON. The content is never stored or logged: the log gets only the name, size and
 * SHA-256.
 */
@Component
public class ProxyConfigurationParser {

    private static final Logger log = LoggerFactory.getLogger(ProxyConfigurationParser.class);

    private static final int MAX_FILE_NAME_LENGTH = 255;

    private final long maxBytes;

    public ProxyConfigurationParser(ProxyConfigurationProperties properties) {
        this.maxBytes = properties.maxSize().toBytes();
    }

    /**
     * Imports an uploaded file.
     * @param originalFileName the name the browser sent (may include a directory, may be
     * missing); only used for messages and the log, after cleaning
     * @param content the file's raw bytes
     */
    public ProxyConfigurationImport parseUpload(@Nullable String originalFileName, byte[] content) {
        var source = new ProxyConfigurationSource(ProxyConfigurationSource.Origin.UPLOADED_FILE,
                safeFileName(originalFileName), content.length, sha256Hex(content));
        long nameLength = originalFileName == null ? 0 : withoutDirectory(originalFileName).codePoints().count();
        if (nameLength > MAX_FILE_NAME_LENGTH) {
            // No file system names a file like this: refused as such rather than imported
            // under a shortened name.
            return logged(refused(source,
                    "The name of the chosen file is " + String.format(Locale.ROOT, "%,d", nameLength)
                            + " characters long; a file name has at most " + MAX_FILE_NAME_LENGTH
                            + " characters. Rename the file, then import it again."));
        }
        return logged(parse(content, source));
    }

    /**
     * Imports JSON pasted into the form; it is measured, hashed and checked as its UTF-8
     * bytes.
     */
    public ProxyConfigurationImport parsePastedText(String text) {
        byte[] bytes;
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(text));
            bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
        }
        catch (CharacterCodingException e) {
            // Only a lone UTF-16 surrogate gets here; describe the input by its lenient
            // encoding.
            byte[] lenient = text.getBytes(StandardCharsets.UTF_8);
            var source = pastedSource(lenient);
            return logged(refused(source, source.subject() + " contains characters that are not valid text."));
        }
        return logged(parse(bytes, pastedSource(bytes)));
    }

    private ProxyConfigurationImport parse(byte[] bytes, ProxyConfigurationSource source) {
        String subject = source.subject();
        if (bytes.length > maxBytes) {
            return refused(source, subject + " is " + String.format(Locale.ROOT, "%,d", bytes.length)
                    + " bytes; a proxy configuration may be at most " + humanSize(maxBytes) + ".");
        }
        if (bytes.length == 0) {
            return refused(source, subject + " is empty.");
        }
        String wideEncoding = wideUnicodeEncoding(bytes);
        if (wideEncoding != null) {
            return refused(source, subject + " is saved as " + wideEncoding + "; save it as UTF-8 and try again.");
        }
        if (containsControlBytes(bytes)) {
            return refused(source, subject + " looks like binary content, not text: it contains NUL or other"
                    + " control characters. A proxy configuration is a JSON text file.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        }
        catch (CharacterCodingException e) {
            return refused(source, subject + " is not valid UTF-8 text; save it as UTF-8 and try again.");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a UTF-8 byte order mark, as some Windows editors
                                      // write it
        }
        if (isJsonWhitespace(text)) {
            return refused(source, subject + " contains only whitespace.");
        }
        return ProxyConfigurationReader.read(text, source);
    }

    private static ProxyConfigurationImport refused(ProxyConfigurationSource source, String sentence) {
        return new ProxyConfigurationImport.Refused(List.of(ImportMessage.wholeFile(sentence)), List.of(), source);
    }

    private static ProxyConfigurationImport logged(ProxyConfigurationImport result) {
        ProxyConfigurationSource source = result.source();
        log.info("Proxy configuration import {}: {} '{}', {} bytes, SHA-256 {}, {} problem(s), {} warning(s)",
                result.isAccepted() ? "accepted" : "refused", source.origin(), source.name(), source.sizeBytes(),
                source.sha256Hex(), result.problems().size(), result.warnings().size());
        return result;
    }

    private static ProxyConfigurationSource pastedSource(byte[] bytes) {
        return new ProxyConfigurationSource(ProxyConfigurationSource.Origin.PASTED_TEXT, "pasted text", bytes.length,
                sha256Hex(bytes));
    }

    /**
     * The name of the UTF-32 or UTF-16 encoding the text is in, or null. By its byte
     * order mark; without one, by the NUL bytes around its first character, as a JSON
     * text starts with one of a few ASCII characters (the rule of RFC 4627, section 3).
     * UTF-32 is checked first: its little-endian mark starts like UTF-16's. UTF-8 JSON
     * has no NUL byte, so neither rule can mistake a UTF-8 file.
     */
    private static @Nullable String wideUnicodeEncoding(byte[] b) {
        if (b.length >= 4 && b[0] == 0 && b[1] == 0
                && (mark(b[2], b[3], 0xFE, 0xFF) || (b[2] == 0 && jsonStart(b[3])))) {
            return "UTF-32 (big-endian)";
        }
        if (b.length >= 4 && b[2] == 0 && b[3] == 0
                && (mark(b[0], b[1], 0xFF, 0xFE) || (jsonStart(b[0]) && b[1] == 0))) {
            return "UTF-32 (little-endian)";
        }
        if (b.length >= 2 && (mark(b[0], b[1], 0xFE, 0xFF) || mark(b[0], b[1], 0xFF, 0xFE)
                || (b[0] == 0 && jsonStart(b[1])) || (jsonStart(b[0]) && b[1] == 0))) {
            return "UTF-16";
        }
        return null;
    }

    private static boolean mark(byte first, byte second, int expectedFirst, int expectedSecond) {
        return first == (byte) expectedFirst && second == (byte) expectedSecond;
    }

    /**
     * Whether an ASCII byte may begin a JSON text (whitespace, an object or an array, as
     * files have them).
     */
    private static boolean jsonStart(byte b) {
        return b == '{' || b == '[' || b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /**
     * NUL and the other C0 control characters (tab, line feed and carriage return aside)
     * and DEL never occur in a JSON text file. Checking bytes is exact for UTF-8: bytes
     * below 0x80 only ever encode ASCII.
     */
    private static boolean containsControlBytes(byte[] bytes) {
        for (byte b : bytes) {
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /** JSON whitespace is exactly space, tab, line feed and carriage return. */
    private static boolean isJsonWhitespace(String text) {
        return text.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r');
    }

    private static String humanSize(long bytes) {
        String exact = String.format(Locale.ROOT, "%,d bytes", bytes);
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB (" + exact + ")";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB (" + exact + ")";
        }
        return exact;
    }

    /**
     * The browser-supplied name reduced to something safe for sentences and the log: no
     * directory part (old browsers send a full path), no control or format characters (no
     * log forging), at most 255 characters.
     */
    static String safeFileName(@Nullable String originalFileName) {
        if (originalFileName == null) {
            return "unnamed file";
        }
        String name = withoutDirectory(originalFileName);
        StringBuilder safe = new StringBuilder();
        name.codePoints().limit(MAX_FILE_NAME_LENGTH).forEach(cp -> {
            int type = Character.getType(cp);
            boolean unsafe = Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            safe.appendCodePoint(unsafe ? '?' : cp);
        });
        String result = safe.toString().strip();
        return result.isEmpty() ? "unnamed file" : result;
    }

    /** Old browsers send the full path of the chosen file. */
    private static String withoutDirectory(String fileName) {
        return fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

}
