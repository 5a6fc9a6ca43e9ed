package com.cksconsole.health.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.health.HealthHistory.ProbeBucket;
import com.cksconsole.health.probe.HealthRepository.HourRow;
import com.cksconsole.health.probe.HealthRepository.SampleRow;

/** Figures of a set of probes: an hour's roll-up, a bucket of the history. */
final class Rollups {

    private Rollups() {
    }

    /**
     * An hour's roll-up of raw probes, merged with an earlier roll-up of the same hour.
     */
    static HourRow hour(Instant hourStart, List<SampleRow> samples, @Nullable HourRow earlier) {
        ProbeBucket raw = bucket(hourStart, hourStart, samples, List.of());
        ProbeBucket merged = earlier == null ? raw : bucket(hourStart, hourStart, samples, List.of(earlier));
        return new HourRow(hourStart, merged.samples(), merged.healthy(), merged.p50Millis(), merged.p99Millis(),
                merged.maxMillis(), merged.ekmActive(), merged.ekmDegraded(), merged.ekmUnavailable());
    }

    /**
     * One bucket from raw probes and hourly roll-ups. Raw only: exact nearest-rank p50
     * and p99. With roll-ups: p50 the median of the hourly medians (and of the raw
     * probes' median), p99 the highest hourly p99 (never lower than the truth).
     */
    static ProbeBucket bucket(Instant start, Instant end, List<SampleRow> samples, List<HourRow> hours) {
        int count = samples.size();
        int healthy = (int) samples.stream().filter(SampleRow::healthy).count();
        List<Long> latencies = samples.stream().map(SampleRow::latencyMillis).toList();
        Long p50 = Percentiles.of(latencies, 0.5);
        Long p99 = Percentiles.of(latencies, 0.99);
        Long max = latencies.stream().max(Long::compare).orElse(null);
        Integer active = min(null, samples.stream().map(SampleRow::ekmActive).toList());
        Integer degraded = max(null, samples.stream().map(SampleRow::ekmDegraded).toList());
        Integer unavailable = max(null, samples.stream().map(SampleRow::ekmUnavailable).toList());
        if (!hours.isEmpty()) {
            var medians = new ArrayList<Long>();
            if (p50 != null) {
                medians.add(p50);
            }
            for (HourRow hour : hours) {
                count += hour.samples();
                healthy += hour.healthy();
                if (hour.p50() != null) {
                    medians.add(hour.p50());
                }
                p99 = maxLong(p99, hour.p99());
                max = maxLong(max, hour.max());
            }
            p50 = Percentiles.of(medians, 0.5);
            active = min(active, hours.stream().map(HourRow::ekmMinActive).toList());
            degraded = max(degraded, hours.stream().map(HourRow::ekmMaxDegraded).toList());
            unavailable = max(unavailable, hours.stream().map(HourRow::ekmMaxUnavailable).toList());
        }
        if (count == 0) {
            return new ProbeBucket(start, end, 0, 0, null, null, null, null, null, null);
        }
        return new ProbeBucket(start, end, count, healthy, p50, p99, max, active, degraded, unavailable);
    }

    private static @Nullable Long maxLong(@Nullable Long a, @Nullable Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }

    private static @Nullable Integer min(@Nullable Integer start, List<@Nullable Integer> values) {
        Integer result = start;
        for (Integer value : values) {
            if (value != null && (result == null || value < result)) {
                result = value;
            }
        }
        return result;
    }

    private static @Nullable Integer max(@Nullable Integer start, List<@Nullable Integer> values) {
        Integer result = start;
        for (Integer value : values) {
            if (value != null && (result == null || value > result)) {
                result = value;
            }
        }
        return result;
    }

}
