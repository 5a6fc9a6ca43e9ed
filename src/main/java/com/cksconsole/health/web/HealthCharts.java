package com.cksconsole.health.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import com.cksconsole.health.HealthHistory.ProbeBucket;
import com.cksconsole.health.HealthHistory.StateSpan;
import com.cksconsole.health.HealthHistory.StoreHistory;
import com.cksconsole.health.web.SvgChart.Band;
import com.cksconsole.health.web.SvgChart.Chart;
import com.cksconsole.health.web.SvgChart.Guide;
import com.cksconsole.health.web.SvgChart.Line;
import com.cksconsole.health.web.SvgChart.TimeScale;
import com.cksconsole.health.web.SvgChart.ValueScale;
import com.cksconsole.kms.ConnectionState;

/**
 * The four graphs of a store's history as {@link Chart}s, and the same figures as a table
 * (the page's table alternative and the CSV download).
 */
final class HealthCharts {

    /**
     * How long KMS waits for an XKS proxy's answer (XKS proxy API specification, "Request
     * timeouts": 250 ms), drawn as a dashed line on the latency graph.
     */
    static final long KMS_BUDGET_MILLIS = 250;

    private HealthCharts() {
    }

    static Chart chart(HealthGraph graph, StoreHistory history) {
        return switch (graph) {
            case LATENCY -> latency(history);
            case AVAILABILITY -> availability(history);
            case EKM -> externalKeyManagers(history);
            case STATE -> states(history);
        };
    }

    /**
     * p50 and p99 per bucket on a scale that always shows the 250 ms budget, with room
     * above it.
     */
    static Chart latency(StoreHistory history) {
        var time = new TimeScale(history.from(), history.to());
        long highest = history.buckets()
            .stream()
            .map(ProbeBucket::p99Millis)
            .filter(Objects::nonNull)
            .mapToLong(Long::longValue)
            .max()
            .orElse(0);
        var values = ValueScale.upTo(Math.max(highest, KMS_BUDGET_MILLIS), 1, SvgChart.HEIGHT - SvgChart.BOTTOM);
        List<Line> lines = List.of(
                SvgChart.line("p50", "chart-line--p50", history.buckets(), time, values, ProbeBucket::p50Millis),
                SvgChart.line("p99", "chart-line--p99", history.buckets(), time, values, ProbeBucket::p99Millis));
        return valueChart(HealthGraph.LATENCY, "ms", history, time, values,
                values.ticks(value -> number(value) + " ms"), lines,
                new Guide(values.y(KMS_BUDGET_MILLIS), "KMS budget " + KMS_BUDGET_MILLIS + " ms"));
    }

    /** The share of probes that answered HEALTHY, 0 to 100 %. */
    static Chart availability(StoreHistory history) {
        var time = new TimeScale(history.from(), history.to());
        var values = new ValueScale(100, 25, SvgChart.HEIGHT - SvgChart.BOTTOM);
        Function<ProbeBucket, @Nullable Number> percent = bucket -> {
            Double share = bucket.availability();
            return share == null ? null : share * 100;
        };
        List<Line> lines = List
            .of(SvgChart.line("Healthy probes", "chart-line--availability", history.buckets(), time, values, percent));
        return valueChart(HealthGraph.AVAILABILITY, "%", history, time, values,
                values.ticks(value -> number(value) + " %"), lines, null);
    }

    /**
     * The external key managers per status: fewest ACTIVE, most DEGRADED and most
     * UNAVAILABLE of each bucket, on a whole-number scale.
     */
    static Chart externalKeyManagers(StoreHistory history) {
        var time = new TimeScale(history.from(), history.to());
        int highest = history.buckets()
            .stream()
            .flatMap(bucket -> java.util.stream.Stream.of(bucket.ekmActive(), bucket.ekmDegraded(),
                    bucket.ekmUnavailable()))
            .filter(Objects::nonNull)
            .mapToInt(Integer::intValue)
            .max()
            .orElse(0);
        var values = ValueScale.upTo(Math.max(highest, 1), 1, SvgChart.HEIGHT - SvgChart.BOTTOM);
        List<Line> lines = List.of(
                SvgChart.line("Active", "chart-line--active", history.buckets(), time, values, ProbeBucket::ekmActive),
                SvgChart.line("Degraded", "chart-line--degraded", history.buckets(), time, values,
                        ProbeBucket::ekmDegraded),
                SvgChart.line("Unavailable", "chart-line--unavailable", history.buckets(), time, values,
                        ProbeBucket::ekmUnavailable));
        return valueChart(HealthGraph.EKM, "key managers", history, time, values, values.ticks(HealthCharts::number),
                lines, null);
    }

    /**
     * One coloured band per stretch of a connection state, cut to the window; a stretch
     * still lasting ends at the window's end.
     */
    static Chart states(StoreHistory history) {
        var time = new TimeScale(history.from(), history.to());
        List<Band> bands = new ArrayList<>();
        for (StateSpan span : history.states()) {
            Instant start = span.since().isBefore(history.from()) ? history.from() : span.since();
            Instant until = span.until() == null || span.until().isAfter(history.to()) ? history.to() : span.until();
            if (!until.isAfter(start)) {
                continue;
            }
            double x = time.x(start);
            double width = Math.max(1, SvgChart.round(time.x(until) - x));
            bands.add(new Band(x, width, stateClass(span.state()), span.state().name()));
        }
        int bottom = SvgChart.BAND_HEIGHT - SvgChart.BOTTOM;
        return new Chart(HealthGraph.STATE.key(), HealthGraph.STATE.title(), "", SvgChart.WIDTH, SvgChart.BAND_HEIGHT,
                SvgChart.LEFT, SvgChart.WIDTH - SvgChart.RIGHT, SvgChart.TOP, bottom,
                SvgChart.timeTicks(history.window(), time), List.of(), List.of(), bands, null, bands.isEmpty());
    }

    /** The CSS class of a state's band (and its legend swatch). */
    static String stateClass(ConnectionState state) {
        return "chart-state--" + state.name().toLowerCase(Locale.ROOT);
    }

    private static Chart valueChart(HealthGraph graph, String unit, StoreHistory history, TimeScale time,
            ValueScale values, List<SvgChart.Tick> yTicks, List<Line> lines, @Nullable Guide guide) {
        boolean empty = history.buckets().stream().allMatch(bucket -> bucket.samples() == 0);
        return new Chart(graph.key(), graph.title(), unit, SvgChart.WIDTH, SvgChart.HEIGHT, SvgChart.LEFT,
                SvgChart.WIDTH - SvgChart.RIGHT, SvgChart.TOP, values.bottom(),
                SvgChart.timeTicks(history.window(), time), yTicks, lines, List.of(), guide, empty);
    }

    /** A value label: whole numbers without decimals. */
    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

}
