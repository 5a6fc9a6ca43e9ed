package com.cksconsole.audit.bench;

import java.io.OutputStream;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import com.cksconsole.audit.AuditFilter;
import com.cksconsole.audit.AuditFixture;
import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.ExportFormat;
import com.cksconsole.audit.SyntheticChain;
import com.cksconsole.support.MutableClock;
import com.cksconsole.keystore.KeyStoreAuditAction;
import com.cksconsole.audit.AuditLogAction;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The audit log's speed goals, measured on PostgreSQL with a large log (default 1,000,000
 * events): the first page of each single filter (goal: under 100 ms), an append (goal:
 * median under 5 ms), plus a full verification and a full JSON Lines export (run it with
 * a small heap, e.g. -Xmx256m, to show that the export streams). Not a test: run by hand
 * (docs/audit.md), results in benchmarks/audit-results.md.
 *
 * <p>
 * Works in a schema of its own, created and dropped here. Times are measured around the
 * console's own calls (AuditLog.page, AuditTrail.record), so they include the JDBC round
 * trips, not only the server.
 *
 * <p>
 * Arguments: [jdbc-url] [rows]; default
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}, 1000000.
 */
public final class AuditBenchmark {

    private static final int WARMUP = 5;

    private static final int RUNS = 50;

    private static final int PAGE = 50;

    private static final int APPENDS = 2000;

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // Library chatter off; the AUDIT logger stays on, as in the application (each
        // append writes its line).
        var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.WARN);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("AUDIT"))
            .setLevel(ch.qos.logback.classic.Level.INFO);
        String base = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String schema = "audit_bench_" + UUID.randomUUID().toString().substring(0, 8);
        try (var connection = DriverManager.getConnection(base)) {
            connection.createStatement().execute("create schema " + schema);
        }
        var config = new HikariConfig();
        config.setJdbcUrl(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        config.setMaximumPoolSize(4);
        try (var dataSource = new HikariDataSource(config)) {
            run(dataSource, rows);
        }
        finally {
            try (var connection = DriverManager.getConnection(base)) {
                connection.createStatement().execute("drop schema " + schema + " cascade");
            }
            System.out.println("\nDropped schema " + schema + ".");
        }
    }

    private static void run(HikariDataSource dataSource, int rows) throws Exception {
        var clock = new MutableClock(Instant.now());
        var audit = AuditFixture.migrated(dataSource, clock);

        long loadStart = System.nanoTime();
        var summary = SyntheticChain.load(dataSource, rows);
        System.out.printf(Locale.ROOT,
                "Loaded %,d rows (%,d entries, %d without outcome) covering %s .. %s in %.1f s%n", summary.rows(),
                summary.entries(), summary.pendingIntents(), summary.first(), summary.last(),
                seconds(System.nanoTime() - loadStart));
        clock.advance(Duration.between(clock.instant(), summary.last().plusSeconds(60)));
        long tableBytes = audit.jdbc.sql("select pg_total_relation_size('audit_event')").query(Long.class).single();
        System.out.printf(Locale.ROOT, "audit_event with its indexes: %,d MB, %,d bytes per row%n",
                tableBytes / (1024 * 1024), tableBytes / summary.rows());

        Instant middle = summary.first().plus(Duration.between(summary.first(), summary.last()).dividedBy(2));
        var filters = new ArrayList<Object[]>();
        filters.add(new Object[] { "none (newest 50)", AuditFixture.ALL_EVENTS });
        filters.add(new Object[] { "time: one day in the middle",
                new AuditFilter(middle, middle.plus(Duration.ofDays(1)), null, null, null, null) });
        filters.add(new Object[] { "time: from the first day on",
                new AuditFilter(summary.first(), null, null, null, null, null) });
        filters.add(new Object[] { "actor (1 of 50)",
                new AuditFilter(null, null, SyntheticChain.user(7), null, null, null) });
        filters.add(new Object[] { "action CONNECT_CUSTOM_KEY_STORE",
                new AuditFilter(null, null, null, KeyStoreAuditAction.CONNECT_CUSTOM_KEY_STORE, null, null) });
        filters.add(new Object[] { "action ACCESS_DENIED",
                new AuditFilter(null, null, null, AuditLogAction.ACCESS_DENIED, null, null) });
        filters.add(new Object[] { "store (1 of 200)", AuditFilter.store(SyntheticChain.storeId(13)) });
        for (var outcome : AuditOutcome.values()) {
            filters.add(new Object[] { "outcome " + outcome, new AuditFilter(null, null, null, null, null, outcome) });
        }
        filters.add(new Object[] { "actor + store + outcome FAILED", new AuditFilter(null, null, SyntheticChain.user(3),
                null, SyntheticChain.storeId(5), AuditOutcome.FAILED) });

        System.out.println("\n| First page (50 entries) of | entries | median ms | p95 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (var filter : filters) {
            var f = (AuditFilter) filter[1];
            int[] size = new int[1];
            var times = measure(() -> {
                size[0] = audit.log.page(f, null, PAGE).entries().size();
                return size[0];
            });
            row((String) filter[0], size[0], times);
        }
        var first = audit.log.page(AuditFilter.store(SyntheticChain.storeId(13)), null, PAGE);
        int[] olderSize = new int[1];
        var older = measure(() -> {
            olderSize[0] = audit.log.page(AuditFilter.store(SyntheticChain.storeId(13)), first.nextCursor(), PAGE)
                .entries()
                .size();
            return olderSize[0];
        });
        row("store, second page (keyset cursor)", olderSize[0], older);

        System.out.println("\n| Append | count | median ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        var record = new double[APPENDS];
        for (int i = 0; i < APPENDS + 100; i++) {
            long start = System.nanoTime();
            audit.trail.record(AuditIntent.of(AuditLogAction.SIGN_IN, AuditTarget.none()).build(),
                    AuditResult.succeeded());
            if (i >= 100) {
                record[i - 100] = millis(System.nanoTime() - start);
            }
        }
        appendRow("record(): one-shot event", record);
        var pairs = new double[APPENDS / 2];
        for (int i = 0; i < APPENDS / 2; i++) {
            var intent = AuditIntent
                .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE,
                        AuditTarget.keyStore("us-east-1", "111122223333", SyntheticChain.storeId(i % 200), "bench"))
                .changed("CustomKeyStoreName", "a" + i, "b" + i)
                .build();
            long start = System.nanoTime();
            var handle = audit.trail.begin(intent);
            double begin = millis(System.nanoTime() - start);
            long outcome = System.nanoTime();
            handle.succeeded("req-" + i);
            pairs[i] = begin + millis(System.nanoTime() - outcome);
        }
        appendRow("begin() + succeeded(): intent and outcome", pairs);

        long verifyStart = System.nanoTime();
        var report = audit.verify();
        System.out.printf(Locale.ROOT, "%nVerification: %s, %,d events checked in %.1f s%n",
                report.intact() ? "intact" : "BROKEN " + report.firstBreak(), report.checked(),
                seconds(System.nanoTime() - verifyStart));

        var counter = new CountingStream();
        long exportStart = System.nanoTime();
        audit.log.startExport(AuditFixture.ALL_EVENTS, ExportFormat.JSONL).writeTo(counter);
        System.out.printf(Locale.ROOT, "Export (JSON Lines, everything): %,d bytes in %.1f s with -Xmx%s%n",
                counter.bytes, seconds(System.nanoTime() - exportStart),
                Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m");
    }

    private static double[] measure(Supplier<Integer> query) {
        for (int i = 0; i < WARMUP; i++) {
            query.get();
        }
        var times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            query.get();
            times[i] = millis(System.nanoTime() - start);
        }
        return times;
    }

    private static void row(String label, int entries, double[] times) {
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", label, entries, percentile(times, 50),
                percentile(times, 95), times[times.length - 1]);
    }

    private static void appendRow(String label, double[] times) {
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f |%n", label, times.length,
                percentile(times, 50), percentile(times, 95), percentile(times, 99), times[times.length - 1]);
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static double seconds(long nanos) {
        return nanos / 1_000_000_000.0;
    }

    /** Counts the bytes of an export and throws them away. */
    private static final class CountingStream extends OutputStream {

        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }

    }

}
