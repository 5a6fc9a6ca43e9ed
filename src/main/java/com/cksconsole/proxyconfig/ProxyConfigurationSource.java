package com.cksconsole.proxyconfig;

/**
 * What may be recorded about an imported proxy configuration: never its content, only where it came from,
 * its size and its SHA-256.
 *
 * @param origin an uploaded file or text pasted into the form
 * @param name the uploaded file's name without any directory part and with control characters replaced,
 *     or {@code pasted text}
 * @param sizeBytes size in bytes (for pasted text: of its UTF-8 encoding)
 * @param sha256Hex lower-case hex SHA-256 of exactly those bytes
 */
public record ProxyConfigurationSource(Origin origin, String name, long sizeBytes, String sha256Hex) {

    /** Where the configuration came from. */
    public enum Origin {
        UPLOADED_FILE,
        PASTED_TEXT
    }

    /** The subject of whole-file sentences: {@code The file "proxy.json"} or {@code The pasted text}. */
    String subject() {
        return origin == Origin.PASTED_TEXT ? "The pasted text" : "The file \"" + name + "\"";
    }
}
