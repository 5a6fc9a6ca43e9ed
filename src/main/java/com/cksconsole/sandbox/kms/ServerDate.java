package com.cksconsole.sandbox.kms;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The {@code Date} header of every sandbox answer, taken from the sandbox's clock as AWS
 * answers with its own time: the AWS SDKs read it on a signature refused as expired or
 * not yet current, correct their clock offset and sign the retry with the server's time
 * (HTTP date, RFC 9110 section 5.6.7). Without it the servlet container would answer with
 * the host's time.
 */
final class ServerDate {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
        .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
        .withZone(ZoneOffset.UTC);

    private ServerDate() {
    }

    static void set(HttpServletResponse response, Clock clock) {
        response.setHeader("Date", HTTP_DATE.format(clock.instant()));
    }

}
