package com.cksconsole.health.probe;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the health probes run and judge (docs/health.md, docs/configuration.md "Health
 * probes").
 *
 * @param schedule whether this instance runs the probe scheduler; {@code false} only for
 * tests that run the jobs by hand (every instance may run it: leases in the database make
 * each job run once per period across instances)
 * @param tick how often the scheduler looks for due jobs
 * @param threads how many jobs one instance runs at the same time (its own pool; pages
 * never wait on a probe)
 * @param lease how long an instance's claim on a job lasts; a job whose instance stopped
 * is taken over after it. Must be longer than the slowest job (a TLS check or a
 * GetHealthStatus with its timeout)
 * @param interval how often each target's stores are read from the shared
 * DescribeCustomKeyStores snapshot, and how often each external key store with a
 * monitoring credential is probed with GetHealthStatus
 * @param keyCheckInterval how often the external keys of a monitored store are checked
 * with GetKeyMetadata
 * @param tlsInterval how often the TLS certificate of a public proxy endpoint is checked
 * @param rawRetention how long raw probe samples are kept before they are rolled up into
 * hourly figures
 * @param retention how long hourly roll-ups and connection state changes are kept
 * @param connectingTooLong a store CONNECTING for longer than this is at risk
 * ({@code CONNECTING_TOO_LONG})
 * @param failuresToFail this many consecutive failed probes (within the last hour) make a
 * store failing ({@code PROBE_FAILING}); fewer do not
 * @param p99Threshold a p99 probe latency over the last hour above this makes a store at
 * risk ({@code SLOW_PROXY}); KMS allows an XKS proxy 250 ms
 * @param certificateWarning a proxy certificate expiring in fewer days than this is at
 * risk ({@code CERTIFICATE_EXPIRING})
 */
@ConfigurationProperties("console.health")
public record HealthProperties(@DefaultValue("true") boolean schedule, @DefaultValue("5s") Duration tick,
        @DefaultValue("4") int threads, @DefaultValue("5m") Duration lease, @DefaultValue("60s") Duration interval,
        @DefaultValue("1h") Duration keyCheckInterval, @DefaultValue("24h") Duration tlsInterval,
        @DefaultValue("48h") Duration rawRetention, @DefaultValue("90d") Duration retention,
        @DefaultValue("30m") Duration connectingTooLong, @DefaultValue("3") int failuresToFail,
        @DefaultValue("200ms") Duration p99Threshold, @DefaultValue("30d") Duration certificateWarning) {

    public HealthProperties {
        for (var entry : new Object[][] { { "tick", tick }, { "lease", lease }, { "interval", interval },
                { "key-check-interval", keyCheckInterval }, { "tls-interval", tlsInterval },
                { "raw-retention", rawRetention }, { "retention", retention },
                { "connecting-too-long", connectingTooLong }, { "p99-threshold", p99Threshold },
                { "certificate-warning", certificateWarning } }) {
            Duration value = (Duration) entry[1];
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("console.health." + entry[0] + " must be positive");
            }
        }
        if (threads < 1) {
            throw new IllegalArgumentException("console.health.threads must be at least 1");
        }
        if (failuresToFail < 1) {
            throw new IllegalArgumentException("console.health.failures-to-fail must be at least 1");
        }
        if (retention.compareTo(rawRetention) < 0) {
            throw new IllegalArgumentException("console.health.retention must not be shorter than raw-retention");
        }
    }

    /** The defaults (for tests and tools). */
    public static HealthProperties defaults() {
        return new HealthProperties(true, Duration.ofSeconds(5), 4, Duration.ofMinutes(5), Duration.ofSeconds(60),
                Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(48), Duration.ofDays(90),
                Duration.ofMinutes(30), 3, Duration.ofMillis(200), Duration.ofDays(30));
    }

}
