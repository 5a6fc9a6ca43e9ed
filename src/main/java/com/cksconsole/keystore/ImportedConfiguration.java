package com.cksconsole.keystore;

/**
 * What may be recorded about an XKS proxy configuration whose values a change carries: never its content.
 *
 * @param uploaded an uploaded file, or else JSON pasted into the form
 * @param name the cleaned file name, or {@code pasted text}
 */
public record ImportedConfiguration(boolean uploaded, String name, long sizeBytes, String sha256Hex) {
}
