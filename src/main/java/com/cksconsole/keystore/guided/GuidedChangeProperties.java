package com.cksconsole.keystore.guided;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How guided changes wait and resume.
 *
 * @param waitForDisconnected how long a guided change waits for DISCONNECTING to end in
 * DISCONNECTED before it stops (KMS takes about 5 minutes for an external key store)
 * @param waitForConnected how long it waits for CONNECTING to end in CONNECTED or FAILED
 * before it stops (connecting a CloudHSM key store can take up to 20 minutes)
 * @param pollInterval how often a running guided change asks KMS for the store's state
 * (one DescribeCustomKeyStores per run; KMS allows about 5 per second per account and
 * Region)
 * @param resumeInterval how often each console instance looks for runs that no instance
 * drives (after a restart or when an instance died); also done once at start-up
 * @param lease how long an instance's claim on a run lasts without renewal; another
 * instance takes over a run whose lease has expired. Must be well above the poll interval
 * @param callAttempts how often a step's KMS call is tried when KMS throttles, times out
 * or has an internal error, before the run stops
 */
@ConfigurationProperties("console.guided")
public record GuidedChangeProperties(@DefaultValue("10m") Duration waitForDisconnected,
        @DefaultValue("25m") Duration waitForConnected, @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("15s") Duration resumeInterval, @DefaultValue("30s") Duration lease,
        @DefaultValue("5") int callAttempts) {

    public GuidedChangeProperties {
        requirePositive("wait-for-disconnected", waitForDisconnected);
        requirePositive("wait-for-connected", waitForConnected);
        requirePositive("poll-interval", pollInterval);
        requirePositive("resume-interval", resumeInterval);
        if (lease.compareTo(pollInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("console.guided.lease must be at least three poll intervals");
        }
        if (callAttempts < 1) {
            throw new IllegalArgumentException("console.guided.call-attempts must be at least 1");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("console.guided." + name + " must be positive");
        }
    }
}
