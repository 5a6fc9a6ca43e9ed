package com.cksconsole.keystore.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Formatting for the key store templates, called as
 * {@code ${@keyStoreFormats.utc(instant)}}.
 */
@Component("keyStoreFormats")
public class KeyStoreFormats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
        .withZone(ZoneOffset.UTC);

    public String utc(@Nullable Instant instant) {
        return utcText(instant);
    }

    static String utcText(@Nullable Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }

}
