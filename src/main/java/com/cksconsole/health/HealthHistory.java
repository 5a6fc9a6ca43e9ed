package com.cksconsole.health;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.health.tls.TlsCheckResult;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;

/**
 * What the probes recorded of one store over one window, read from the database only
 * (never a call to KMS or the proxy), for the health page, its tables and CSV downloads.
 */
public interface HealthHistory {

    StoreHistory history(KeyStoreRef store, HealthWindow window);

    /**
     * @param from start of the window (inclusive), {@code to} its end (exclusive): the
     * page's "now"
     * @param buckets exactly {@code window.buckets()} entries, oldest first; a bucket
     * without samples has {@code samples == 0} and null figures
     * @param states the connection states over the window, oldest first, the first one
     * starting at or before {@code from} when known; the last one open ({@code until}
     * null)
     * @param lastProbe the newest probe (details of the proxy and its key managers)
     * @param tls the newest TLS check of the store's proxy endpoint, if any
     * @param externalKeys the newest GetKeyMetadata check of the store's external keys
     */
    record StoreHistory(KeyStoreRef store, HealthWindow window, Instant from, Instant to, List<ProbeBucket> buckets,
            List<StateSpan> states, @Nullable ProbeSample lastProbe, @Nullable TlsCheckResult tls,
            List<ExternalKeyCheck> externalKeys) {

        public StoreHistory {
            buckets = List.copyOf(buckets);
            states = List.copyOf(states);
            externalKeys = List.copyOf(externalKeys);
        }

    }

    /**
     * The probes of one bucket. Figures are null when {@code samples == 0}. For buckets
     * older than the raw samples' retention, the figures come from hourly roll-ups:
     * {@code p50} is then the median of the hourly medians and {@code p99} the highest
     * hourly p99 (never lower than the truth).
     *
     * @param healthy probes that answered HEALTHY
     * @param ekmActive fewest ACTIVE external key managers seen in the bucket
     * @param ekmDegraded most DEGRADED seen
     * @param ekmUnavailable most UNAVAILABLE seen
     */
    record ProbeBucket(Instant start, Instant end, int samples, int healthy, @Nullable Long p50Millis,
            @Nullable Long p99Millis, @Nullable Long maxMillis, @Nullable Integer ekmActive,
            @Nullable Integer ekmDegraded, @Nullable Integer ekmUnavailable) {

        /** Share of healthy probes, 0..1; null without samples. */
        public @Nullable Double availability() {
            return samples == 0 ? null : (double) healthy / samples;
        }

    }

    /**
     * One stretch of a connection state.
     *
     * @param until null while it lasts
     */
    record StateSpan(ConnectionState state, @Nullable String connectionErrorCode, Instant since,
            @Nullable Instant until) {
    }

    /**
     * What GetKeyMetadata said of one external key (XKS proxy API specification,
     * "GetKeyMetadata").
     *
     * @param keyId the KMS key that uses it
     * @param status ENABLED or DISABLED, or null when the call failed
     * @param failure the failure kind when the call failed
     */
    record ExternalKeyCheck(String keyId, String externalKeyId, @Nullable String status, @Nullable String failure,
            Instant checkedAt) {
    }

}
