package com.cksconsole.keystore;

import java.time.Clock;
import java.time.Duration;

import com.cksconsole.xks.XksProxyClient;

/**
 * {@link XksPreflight}s over a test's own proxy client, for tests outside this package
 * (its constructors are package-private).
 */
public final class XksPreflights {

    private XksPreflights() {
    }

    public static XksPreflight of(XksProxyClient proxy, String region, Duration budget, Clock clock) {
        return new XksPreflight(proxy, region, budget, clock);
    }

    /** In us-east-1 with a 250 ms budget. */
    public static XksPreflight preflight(XksProxyClient proxy, Clock clock) {
        return of(proxy, "us-east-1", Duration.ofMillis(250), clock);
    }

}
