package com.cksconsole.proxyconfig;

import java.util.Locale;

/**
 * What may be recorded about an imported proxy configuration: never its content, only
 * where it came from, its size and its SHA-256.
 *
 * @param origin an uploaded file or text pasted into the form
 * @param name the uploaded file's name without any directory part and with control
 * characters replaced, or {@code pasted text}
 * @param sizeBytes size in bytes (for pasted text: of its UTF-8 encoding)
 * @param sha256Hex lower-case hex SHA-256 of exactly those bytes
 */
public record ProxyConfigurationSource(Origin origin, String name, long sizeBytes,
        String sha256Hex) implements java.io.Serializable {

    /** Where the configuration came from. */
    public enum Origin {

        UPLOADED_FILE, PASTED_TEXT

    }

    /** An uploaded file, or else JSON pasted into the form. */
    public boolean uploaded() {
        return origin == Origin.UPLOADED_FILE;
    }

    /** The first 12 hex digits of the SHA-256, enough to recognise the file. */
    public String shortSha256() {
        return sha256Hex.substring(0, Math.min(12, sha256Hex.length()));
    }

    /** "312 bytes", with thousands separated. */
    public String size() {
        return String.format(Locale.ROOT, "%,d %s", sizeBytes, sizeBytes == 1 ? "byte" : "bytes");
    }

    /**
     * The subject of whole-file sentences: {@code The file "proxy.json"} or
     * {@code The pasted text}.
     */
    String subject() {
        return origin == Origin.PASTED_TEXT ? "The pasted text" : "The file \"" + name + "\"";
    }
}
