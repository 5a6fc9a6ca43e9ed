package com.cksconsole.xks;

import java.util.List;

/**
 * A proxy's GetKeyMetadata answer (XKS proxy API specification, "GetKeyMetadata").
 *
 * @param keySpec e.g. {@code AES_256}
 * @param keyUsage upper case, e.g. {@code ENCRYPT}, {@code DECRYPT}; 1-10 values
 * @param keyStatus {@code ENABLED} or {@code DISABLED}
 */
public record XksKeyMetadata(String keySpec, List<String> keyUsage, String keyStatus) {

    public XksKeyMetadata {
        keyUsage = List.copyOf(keyUsage);
    }

}
