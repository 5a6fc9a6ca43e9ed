package com.cksconsole.health.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import com.cksconsole.health.HealthHistory.ProbeBucket;
import com.cksconsole.health.HealthHistory.StateSpan;
import com.cksconsole.health.HealthHistory.StoreHistory;

/**
 * The figures behind one graph as rows of text: the page's table alternative and the CSV
 * download share it. Times are ISO-8601 in UTC; a bucket without samples has empty
 * figures. Only what the probes recorded: no credential, no secret.
 *
 * @param header the column names (the CSV's header row)
 */
record HealthTable(List<String> header, List<List<String>> rows) {

    HealthTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    static HealthTable of(HealthGraph graph, StoreHistory history) {
        return switch (graph) {
            case LATENCY -> buckets(history, List.of("p50_ms", "p99_ms", "max_ms"),
                    List.of(ProbeBucket::p50Millis, ProbeBucket::p99Millis, ProbeBucket::maxMillis));
            case AVAILABILITY -> buckets(history, List.of("healthy", "availability_percent"),
                    List.of(bucket -> bucket.samples() == 0 ? null : bucket.healthy(), HealthTable::percent));
            case EKM -> buckets(history, List.of("ekm_active", "ekm_degraded", "ekm_unavailable"),
                    List.of(ProbeBucket::ekmActive, ProbeBucket::ekmDegraded, ProbeBucket::ekmUnavailable));
            case STATE -> states(history);
        };
    }

    private static HealthTable buckets(StoreHistory history, List<String> figures,
            List<Function<ProbeBucket, @Nullable Object>> values) {
        List<String> header = new ArrayList<>(List.of("bucket_start", "bucket_end", "samples"));
        header.addAll(figures);
        List<List<String>> rows = new ArrayList<>();
        for (ProbeBucket bucket : history.buckets()) {
            List<String> row = new ArrayList<>(
                    List.of(time(bucket.start()), time(bucket.end()), Integer.toString(bucket.samples())));
            values.forEach(value -> row.add(text(value.apply(bucket))));
            rows.add(row);
        }
        return new HealthTable(header, rows);
    }

    private static HealthTable states(StoreHistory history) {
        List<List<String>> rows = new ArrayList<>();
        for (StateSpan span : history.states()) {
            rows.add(List.of(time(span.since()), span.until() == null ? "" : time(span.until()), span.state().name(),
                    text(span.connectionErrorCode())));
        }
        return new HealthTable(List.of("since", "until", "state", "connection_error_code"), rows);
    }

    private static @Nullable Object percent(ProbeBucket bucket) {
        Double share = bucket.availability();
        return share == null ? null : String.format(Locale.ROOT, "%.1f", share * 100);
    }

    private static String time(Instant at) {
        return at.toString();
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    /**
     * As RFC 4180 CSV with CRLF line ends: a field with a comma, quote or line break is
     * quoted; a field a spreadsheet would take for a formula ({@code = + - @} first) gets
     * a leading apostrophe (the figures never start so; recorded codes might).
     */
    String csv() {
        StringBuilder out = new StringBuilder();
        appendRow(out, header);
        rows.forEach(row -> appendRow(out, row));
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
    }

    static String field(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !isNumber(value) ? "'" + value
                : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    private static boolean isNumber(String value) {
        try {
            Double.parseDouble(value);
            return true;
        }
        catch (NumberFormatException e) {
            return false;
        }
    }

}
