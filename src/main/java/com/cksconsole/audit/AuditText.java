package com.cksconsole.audit;

import org.jspecify.annotations.Nullable;

/**
 * Makes text safe to store and hash identically everywhere: NUL (which PostgreSQL
 * refuses) and unpaired surrogates (which have no UTF-8 form) become U+FFFD, and
 * over-long values are cut with a visible marker.
 */
final class AuditText {

    private AuditText() {
    }

    static @Nullable String cleanNullable(@Nullable String value, int maxLength) {
        return value == null ? null : clean(value, maxLength);
    }

    static String clean(String value, int maxLength) {
        var sb = new StringBuilder(Math.min(value.length(), maxLength + 16));
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                sb.append('\uFFFD');
            }
            else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                sb.append(c).append(value.charAt(++i));
            }
            else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            }
            else {
                sb.append(c);
            }
        }
        if (sb.length() <= maxLength) {
            return sb.toString();
        }
        String marker = " [cut: " + value.length() + " characters]";
        int keep = Math.max(0, maxLength - marker.length());
        if (keep > 0 && Character.isHighSurrogate(sb.charAt(keep - 1))) {
            keep--;
        }
        return sb.substring(0, keep) + marker;
    }

}
