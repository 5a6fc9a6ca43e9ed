package com.cksconsole.keystore.web;

import java.time.Duration;
import java.util.Locale;

/** The import's limits, in the words of the XKS edit page's hints. */
record ImportLimits(long maxSizeBytes, Duration secretTtl) {

    /** "64 KiB" (or the exact bytes when not a whole number of KiB). */
    public String maxSize() {
        return maxSizeBytes % 1024 == 0 ? maxSizeBytes / 1024 + " KiB"
                : String.format(Locale.ROOT, "%,d bytes", maxSizeBytes);
    }

    /** "10 minutes". */
    public String secretLifetime() {
        long minutes = secretTtl.toMinutes();
        if (minutes >= 1 && secretTtl.equals(Duration.ofMinutes(minutes))) {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        long seconds = secretTtl.toSeconds();
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }
}
