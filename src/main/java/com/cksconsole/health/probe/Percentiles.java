package com.cksconsole.health.probe;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

/** Nearest-rank percentiles of latencies. */
final class Percentiles {

    private Percentiles() {
    }

    /**
     * The nearest-rank {@code q} percentile (0 < q <= 1): the smallest value at least
     * {@code ceil(q * n)} values are not above; null without values.
     */
    static @Nullable Long of(Collection<Long> values, double q) {
        if (values.isEmpty()) {
            return null;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

}
