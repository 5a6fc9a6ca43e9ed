package com.cksconsole.xks;

import org.jspecify.annotations.Nullable;

/** How byte fields that may hold plaintext or key material appear in toString. */
final class XksBytes {

    private XksBytes() {
    }

    static String describe(byte @Nullable [] bytes) {
        return bytes == null ? "null" : "<" + bytes.length + " bytes>";
    }

}
