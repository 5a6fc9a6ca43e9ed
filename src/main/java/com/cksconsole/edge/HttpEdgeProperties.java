package com.cksconsole.edge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits the console applies at the HTTP edge, in the servlet container, before any of
 * its pages sees a request.
 *
 * @param requestBodyTimeout the longest a request body may take to arrive, counted from
 * the first read of it: a client that trickles its body in (one byte every few seconds
 * never trips the per-read {@code server.tomcat.connection-timeout}) is disconnected when
 * this time is up, so that it cannot hold a worker thread for long. Forms and uploads
 * here are at most 256 KB and arrive in milliseconds.
 */
@ConfigurationProperties("console.http")
public record HttpEdgeProperties(@DefaultValue("30s") Duration requestBodyTimeout) {

    public HttpEdgeProperties {
        if (requestBodyTimeout.isNegative() || requestBodyTimeout.isZero()) {
            throw new IllegalArgumentException("console.http.request-body-timeout must be positive");
        }
    }
}
