package com.cksconsole.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.cksconsole.health.HealthFinding;
import com.cksconsole.health.HealthHistory.ExternalKeyCheck;
import com.cksconsole.health.HealthHistory.ProbeBucket;
import com.cksconsole.health.HealthLevel;
import com.cksconsole.health.HealthReason;
import com.cksconsole.health.HealthWindow;
import com.cksconsole.health.ProbeSample;
import com.cksconsole.health.ProbeSample.ExternalKeyManager;
import com.cksconsole.health.credentials.CredentialUnreadableException;
import com.cksconsole.health.credentials.MonitoringCredentials;
import com.cksconsole.health.probe.HealthRepository.Described;
import com.cksconsole.health.tls.TlsCertificate;
import com.cksconsole.health.tls.TlsCheckProperties;
import com.cksconsole.health.tls.TlsCheckResult;
import com.cksconsole.health.tls.TlsEndpointCheck;
import com.cksconsole.health.tls.TlsOutcome;
import com.cksconsole.keys.KeyInventory;
import com.cksconsole.keystore.ProxyCredentialAges;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.MutableClock;
import com.cksconsole.xks.XksProxyClient;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The health tables, their repository, the job leases and the history's buckets: the same
 * tests on the embedded H2 and on PostgreSQL.
 */
abstract class HealthRepositoryContract {

    static final Instant START = Instant.parse("2026-12-06T04:00:00Z");

    static final KmsTarget TARGET = new KmsTarget("111122223333", "eu-west-1");

    static final KeyStoreRef STORE = new KeyStoreRef(TARGET, "cks-1234567890abcdef0");

    static final KeyStoreRef OTHER = new KeyStoreRef(TARGET, "cks-0000000000abcdef0");

    MutableClock clock;

    DataSource dataSource;

    HealthRepository repository;

    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        // Pooled, as in the application (a connection per statement would dominate the
        // timings).
        var plain = (DriverManagerDataSource) emptyDatabase();
        var pool = new HikariDataSource();
        pool.setJdbcUrl(plain.getUrl());
        pool.setUsername(plain.getUsername());
        pool.setPassword(plain.getPassword());
        pool.setMaximumPoolSize(4);
        dataSource = pool;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        repository = new HealthRepository(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource));
        clock = new MutableClock(START);
    }

    @AfterEach
    void closePool() {
        // No pool when the database was not there (a PostgreSQL test skipped without
        // one).
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    static Described described(KeyStoreRef store, ConnectionState state, String code) {
        return new Described(store, "ekm-" + store.keyStoreId(), true, "PUBLIC_ENDPOINT", "https://xks.example.com",
                "/kms/xks/v1", state, code);
    }

    static ProbeSample sample(Instant at, String outcome, long latency, String... ekmStatuses) {
        var managers = new ArrayList<ExternalKeyManager>();
        for (int i = 0; i < ekmStatuses.length; i++) {
            managers.add(new ExternalKeyManager("ekm-" + i, "model-" + i, ekmStatuses[i]));
        }
        boolean answered = ekmStatuses.length > 0;
        return new ProbeSample(at, outcome, latency, answered ? 200 : null, null, answered ? "Vendor" : null,
                answered ? "Model" : null, answered ? 2 : null, managers);
    }

    HealthProbes runner(String owner, Clock runnerClock) {
        return runner(owner, runnerClock, List.of(), mock(MonitoringCredentials.class));
    }

    HealthProbes runner(String owner, Clock runnerClock, List<KmsTarget> targets, MonitoringCredentials credentials) {
        var keyStores = mock(KeyStoreReads.class);
        for (KmsTarget target : targets) {
            when(keyStores.list(target)).thenThrow(new IllegalStateException("no KMS in this test"));
        }
        var properties = HealthProperties.defaults();
        return new HealthProbes(repository, new HealthJudge(repository, new HealthRules(properties), properties,
                mock(ProxyCredentialAges.class), event -> {
                }, runnerClock), properties, () -> targets, keyStores, credentials, mock(XksProxyClient.class),
                mock(KeyInventory.class),
                new TlsEndpointCheck(new TlsCheckProperties(Duration.ofSeconds(1), List.of(), Map.of()), true,
                        runnerClock),
                new HealthMetrics(null), runnerClock, owner);
    }

    @Test
    void aDueJobIsClaimedByOneOwnerOnly() {
        repository.ensureJobs(List.of("probe|x"), START);

        assertThat(repository.claim("probe|x", "a", START, START.plusSeconds(300))).isTrue();
        assertThat(repository.claim("probe|x", "b", START, START.plusSeconds(300))).isFalse();
        assertThat(repository.dueJobs(START)).isEmpty();

        assertThat(repository.finish("probe|x", "b", START, START.plusSeconds(60))).isFalse();
        assertThat(repository.finish("probe|x", "a", START, START.plusSeconds(60))).isTrue();
        assertThat(repository.claim("probe|x", "b", START.plusSeconds(59), START.plusSeconds(400))).isFalse();
        assertThat(repository.claim("probe|x", "b", START.plusSeconds(60), START.plusSeconds(400))).isTrue();
    }

    @Test
    void twoInstancesRunADueJobOnce() {
        var first = runner("instance-a", clock);
        var second = runner("instance-b", clock);

        var a = CompletableFuture.supplyAsync(first::runDueJobs);
        var b = CompletableFuture.supplyAsync(second::runDueJobs);
        var ran = new ArrayList<String>(a.join());
        ran.addAll(b.join());

        assertThat(ran).containsExactly(HealthProbes.RETENTION_JOB);
        assertThat(first.runDueJobs()).isEmpty();
        assertThat(second.runDueJobs()).isEmpty();

        clock.advance(Duration.ofHours(1));
        assertThat(second.runDueJobs()).containsExactly(HealthProbes.RETENTION_JOB);
        assertThat(first.runDueJobs()).isEmpty();
    }

    @Test
    void theLeaseOfAStoppedInstanceIsTakenOverOnceExpired() {
        repository.ensureJobs(List.of(HealthProbes.RETENTION_JOB), START);
        // Instance a claims and stops without finishing.
        assertThat(repository.claim(HealthProbes.RETENTION_JOB, "instance-a", START,
                START.plus(HealthProperties.defaults().lease())))
            .isTrue();
        var survivor = runner("instance-b", clock);

        clock.advance(HealthProperties.defaults().lease());
        assertThat(survivor.runDueJobs()).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(survivor.runDueJobs()).containsExactly(HealthProbes.RETENTION_JOB);
    }

    @Test
    void describedStoresRecordTheirStateChangesOnly() {
        assertThat(repository.described(described(STORE, ConnectionState.CONNECTING, null), START)).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(repository.described(described(STORE, ConnectionState.CONNECTING, null), clock.instant())).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(
                repository.described(described(STORE, ConnectionState.FAILED, "XKS_PROXY_TIMED_OUT"), clock.instant()))
            .isTrue();

        var row = repository.status(STORE).orElseThrow();
        assertThat(row.state()).isEqualTo(ConnectionState.FAILED);
        assertThat(row.stateSince()).isEqualTo(START.plus(Duration.ofMinutes(2)));
        assertThat(row.level()).isEqualTo(HealthLevel.UNKNOWN);
        assertThat(row.monitored()).isFalse();
        var spans = repository.states(STORE, START.minusSeconds(60), clock.instant().plusSeconds(1));
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0).state()).isEqualTo(ConnectionState.CONNECTING);
        assertThat(spans.get(0).until()).isEqualTo(START.plus(Duration.ofMinutes(2)));
        assertThat(spans.get(1).connectionErrorCode()).isEqualTo("XKS_PROXY_TIMED_OUT");
        assertThat(spans.get(1).until()).isNull();
        // A window starting after the first change still starts in the state it was in.
        assertThat(repository.states(STORE, START.plusSeconds(90), clock.instant().plusSeconds(1)))
            .extracting(span -> span.state())
            .containsExactly(ConnectionState.CONNECTING, ConnectionState.FAILED);
    }

    @Test
    void statusOfStoresNoLongerDescribedIsDropped() {
        repository.described(described(STORE, ConnectionState.CONNECTED, null), START);
        repository.described(described(OTHER, ConnectionState.CONNECTED, null), START);

        assertThat(repository.dropStatusExcept(TARGET, List.of(STORE.keyStoreId()))).containsExactly(OTHER);
        assertThat(repository.status(TARGET)).extracting(row -> row.store()).containsExactly(STORE);
    }

    @Test
    void theLevelIsWrittenOnlyOverTheExpectedOne() {
        repository.described(described(STORE, ConnectionState.CONNECTED, null), START);
        var findings = List.of(new HealthFinding(HealthReason.SLOW_PROXY, "p99 240 ms\tover the hour"));

        assertThat(repository.updateLevel(STORE, HealthLevel.HEALTHY, HealthLevel.AT_RISK, findings, START)).isFalse();
        assertThat(repository.updateLevel(STORE, HealthLevel.UNKNOWN, HealthLevel.AT_RISK, findings, START)).isTrue();
        assertThat(repository.updateLevel(STORE, HealthLevel.UNKNOWN, HealthLevel.FAILING, findings, START)).isFalse();

        var row = repository.status(STORE).orElseThrow();
        assertThat(row.level()).isEqualTo(HealthLevel.AT_RISK);
        assertThat(row.levelSince()).isEqualTo(START);
        assertThat(row.findings())
            .containsExactly(new HealthFinding(HealthReason.SLOW_PROXY, "p99 240 ms over the hour"));
    }

    @Test
    void aSampleIsRecordedAndBecomesTheLastProbe() {
        repository.described(described(STORE, ConnectionState.CONNECTED, null), START);
        var probe = sample(START, ProbeSample.HEALTHY, 42, "ACTIVE", "DEGRADED");
        repository.recordSample(STORE, probe);
        repository.recordSample(STORE, sample(START.plusSeconds(60), "TIMED_OUT", 250));

        var last = repository.status(STORE).orElseThrow().lastProbe();
        assertThat(last).isNotNull();
        assertThat(last.outcome()).isEqualTo("TIMED_OUT");
        assertThat(repository.recentOutcomes(STORE, START, 5)).containsExactly("TIMED_OUT", "HEALTHY");
        var samples = repository.samples(STORE, START, START.plusSeconds(61));
        assertThat(samples).hasSize(2);
        assertThat(samples.get(0).ekmActive()).isEqualTo(1);
        assertThat(samples.get(0).ekmDegraded()).isEqualTo(1);
        assertThat(samples.get(1).ekmActive()).isNull();

        repository.recordSample(STORE, probe);
        assertThat(repository.status(STORE).orElseThrow().lastProbe()).isEqualTo(probe);
    }

    @Test
    void rawSamplesRollUpIntoHoursAndOldFiguresExpire() {
        repository.described(described(STORE, ConnectionState.CONNECTED, null), START);
        Instant hour = START.minus(Duration.ofHours(50));
        for (int minute = 0; minute < 60; minute++) {
            String outcome = minute < 57 ? ProbeSample.HEALTHY : "TIMED_OUT";
            repository.recordSample(STORE, sample(hour.plus(Duration.ofMinutes(minute)), outcome, minute + 1,
                    minute == 10 ? new String[] { "ACTIVE", "UNAVAILABLE" } : new String[] { "ACTIVE", "ACTIVE" }));
        }
        repository.recordSample(STORE, sample(START.minusSeconds(30), ProbeSample.HEALTHY, 5, "ACTIVE", "ACTIVE"));

        assertThat(repository.rollUp(START.minus(Duration.ofHours(48)))).isEqualTo(60);

        assertThat(repository.samples(STORE, hour, START)).hasSize(1);
        var hours = repository.hours(STORE, hour, START);
        assertThat(hours).singleElement().satisfies(rolled -> {
            assertThat(rolled.hourStart()).isEqualTo(hour);
            assertThat(rolled.samples()).isEqualTo(60);
            assertThat(rolled.healthy()).isEqualTo(57);
            assertThat(rolled.p50()).isEqualTo(30L);
            assertThat(rolled.p99()).isEqualTo(60L);
            assertThat(rolled.max()).isEqualTo(60L);
            assertThat(rolled.ekmMinActive()).isEqualTo(1);
            assertThat(rolled.ekmMaxUnavailable()).isEqualTo(1);
            assertThat(rolled.ekmMaxDegraded()).isZero();
        });

        repository.deleteOlderThan(hour.plus(Duration.ofHours(1)));
        assertThat(repository.hours(STORE, hour, START)).isEmpty();
    }

    @Test
    void expiringStateChangesKeepTheStateTheWindowStartsIn() {
        repository.described(described(STORE, ConnectionState.CONNECTING, null), START);
        repository.described(described(STORE, ConnectionState.CONNECTED, null), START.plusSeconds(60));
        repository.described(described(STORE, ConnectionState.FAILED, "X"), START.plusSeconds(120));

        repository.deleteOlderThan(START.plusSeconds(150));

        assertThat(repository.states(STORE, START, START.plusSeconds(200))).extracting(span -> span.state())
            .containsExactly(ConnectionState.FAILED);
        repository.deleteOlderThan(START.plusSeconds(100));
        assertThat(repository.states(STORE, START, START.plusSeconds(200))).extracting(span -> span.state())
            .containsExactly(ConnectionState.FAILED);
    }

    @Test
    void theHistoryHasExactlyTheWindowsBucketsFromRawAndRolledUpProbes() {
        repository.described(described(STORE, ConnectionState.CONNECTED, null), START);
        // Raw probes over the last hour, one a minute; older ones rolled up.
        for (int minute = 1; minute <= 60; minute++) {
            repository.recordSample(STORE, sample(START.minus(Duration.ofMinutes(minute)).plusSeconds(1),
                    ProbeSample.HEALTHY, minute, "ACTIVE", "ACTIVE"));
        }
        Instant old = START.minus(Duration.ofDays(5)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        for (int minute = 0; minute < 60; minute++) {
            repository.recordSample(STORE, sample(old.plus(Duration.ofMinutes(minute)), ProbeSample.HEALTHY, 100));
        }
        repository.rollUp(START.minus(Duration.ofHours(48)));
        var history = new DatabaseHealthHistory(repository, clock);

        for (HealthWindow window : HealthWindow.values()) {
            var read = history.history(STORE, window);
            assertThat(read.buckets()).hasSize(window.buckets());
            assertThat(read.from()).isEqualTo(START.minus(window.length()));
            assertThat(read.to()).isEqualTo(START);
        }
        var hour = history.history(STORE, HealthWindow.HOUR);
        assertThat(hour.buckets()).allSatisfy(bucket -> assertThat(bucket.samples()).isEqualTo(1));
        assertThat(hour.buckets().get(59).p50Millis()).isEqualTo(1L);
        assertThat(hour.buckets().get(0).availability()).isEqualTo(1.0);

        var week = history.history(STORE, HealthWindow.WEEK);
        assertThat(week.buckets().stream().mapToInt(ProbeBucket::samples).sum()).isEqualTo(120);
        var rolled = week.buckets().stream().filter(bucket -> bucket.samples() == 60 && bucket.maxMillis() == 100L);
        assertThat(rolled).hasSize(1);
        var empty = week.buckets().get(0);
        assertThat(empty.samples()).isZero();
        assertThat(empty.p50Millis()).isNull();
        assertThat(empty.availability()).isNull();
        assertThat(week.states()).singleElement().satisfies(span -> assertThat(span.until()).isNull());
    }

    @Test
    void tlsChecksAndExternalKeyChecksReadBackAsWritten() {
        repository.described(described(STORE, ConnectionState.CONNECTED, null), START);
        var leaf = new TlsCertificate("CN=xks.example.com", "CN=Example CA", "0a1b", "ff".repeat(32),
                START.minus(Duration.ofDays(60)), START.plus(Duration.ofDays(12)), List.of("xks.example.com"),
                List.of());
        var result = new TlsCheckResult("xks.example.com", 443, START, TlsOutcome.REACHABLE, null, "TLSv1.3",
                "TLS_AES_256_GCM_SHA384", List.of(leaf), true, true, 12L);
        repository.saveTls(STORE, result);
        repository.saveTls(STORE, result);

        assertThat(repository.tls(STORE)).contains(result);
        assertThat(repository.status(STORE).orElseThrow().certificateDaysLeft()).isEqualTo(12);

        var checks = List.of(new ExternalKeyCheck("key-1", "ext-1", "DISABLED", null, START),
                new ExternalKeyCheck("key-2", "ext-2", null, "TIMED_OUT", START));
        repository.saveKeyChecks(STORE, checks);
        assertThat(repository.keyChecks(STORE)).isEqualTo(checks);
        repository.saveKeyChecks(STORE, List.of());
        assertThat(repository.keyChecks(STORE)).isEmpty();
    }

    @Test
    void theRetentionJobRollsUpAndExpiresAsTheClockMoves() {
        var runner = runner("instance-a", clock);
        repository.described(described(STORE, ConnectionState.CONNECTED, null), START);
        repository.recordSample(STORE, sample(START, ProbeSample.HEALTHY, 30, "ACTIVE"));
        runner.runDueJobs();
        assertThat(repository.samples(STORE, START, START.plusSeconds(1))).hasSize(1);

        clock.advance(Duration.ofHours(49));
        assertThat(runner.runDueJobs()).contains(HealthProbes.RETENTION_JOB);
        assertThat(repository.samples(STORE, START, START.plusSeconds(1))).isEmpty();
        assertThat(repository.hours(STORE, START, START.plusSeconds(3600))).singleElement()
            .satisfies(hour -> assertThat(hour.samples()).isEqualTo(1));

        clock.advance(Duration.ofDays(90));
        assertThat(runner.runDueJobs()).contains(HealthProbes.RETENTION_JOB);
        assertThat(repository.hours(STORE, START, START.plusSeconds(3600))).isEmpty();
    }

    @Test
    void anUnreadableMonitoringCredentialIsRecordedAsAProbeOutcome() {
        var credentials = mock(MonitoringCredentials.class);
        when(credentials.find(STORE)).thenThrow(CredentialUnreadableException.class);
        var runner = runner("instance-a", clock, List.of(TARGET), credentials);
        repository.described(described(STORE, ConnectionState.CONNECTED, null), START);

        assertThat(runner.runDueJobs()).contains(HealthProbes.key("probe", STORE));

        var row = repository.status(STORE).orElseThrow();
        assertThat(row.lastProbe()).isNotNull();
        assertThat(row.lastProbe().outcome()).isEqualTo(HealthProbes.CREDENTIAL_UNREADABLE);
        assertThat(row.level()).isEqualTo(HealthLevel.HEALTHY);
        for (int probe = 2; probe <= 3; probe++) {
            clock.advance(HealthProperties.defaults().interval());
            runner.runDueJobs();
        }
        assertThat(repository.status(STORE).orElseThrow().level()).isEqualTo(HealthLevel.FAILING);
    }

    @Test
    /**
     * The benchmark's shape (benchmarks/health: 100 stores, a month of one store's probes
     * raw and rolled up) reads whole; how fast is the benchmark's business, not a test's.
     */
    void aHundredStoresAndAMonthOfHistoryReadWhole() {
        var targets = new ArrayList<KmsTarget>();
        for (int t = 0; t < 4; t++) {
            KmsTarget target = new KmsTarget("11112222333" + t, "eu-west-1");
            targets.add(target);
            for (int i = 0; i < 25; i++) {
                var store = new KeyStoreRef(target, "cks-%017d".formatted(i));
                repository.described(described(store, ConnectionState.CONNECTED, null), START);
                repository.updateLevel(store, HealthLevel.UNKNOWN, HealthLevel.AT_RISK,
                        List.of(new HealthFinding(HealthReason.SLOW_PROXY, "p99 240 ms")), START);
                repository.recordSample(store, sample(START, ProbeSample.HEALTHY, 20, "ACTIVE", "ACTIVE"));
            }
        }
        // A month of one store: 48 hours of raw probes, the rest rolled up.
        for (int minute = 0; minute < 48 * 60; minute++) {
            repository.recordSample(STORE,
                    sample(START.minus(Duration.ofMinutes(minute)), ProbeSample.HEALTHY, minute % 50, "ACTIVE"));
        }
        for (int minute = 48 * 60; minute < 30 * 24 * 60; minute += 60) {
            repository.recordSample(STORE,
                    sample(START.minus(Duration.ofMinutes(minute)), ProbeSample.HEALTHY, minute % 50, "ACTIVE"));
        }
        repository.rollUp(START.minus(Duration.ofHours(48)));
        var fleet = new DatabaseFleetHealth(repository);
        var history = new DatabaseHealthHistory(repository, clock);

        assertThat(fleet.of(targets).stream().mapToInt(target -> target.stores().size()).sum()).isEqualTo(100);
        var month = history.history(STORE, HealthWindow.MONTH).buckets();
        assertThat(month).hasSize(120);
        assertThat(month.stream().mapToInt(ProbeBucket::samples).sum())
            .as("every probe of the month is in a bucket, raw or rolled up")
            .isEqualTo(48 * 60 + (30 * 24 - 48));
    }

}
