package com.cksconsole.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.health.FleetHealth;
import com.cksconsole.health.HealthHistory;
import com.cksconsole.health.HealthLevel;
import com.cksconsole.health.HealthReason;
import com.cksconsole.health.HealthWindow;
import com.cksconsole.health.ProbeSample;
import com.cksconsole.health.StoreHealthChanged;
import com.cksconsole.health.credentials.MonitoringCredential;
import com.cksconsole.health.credentials.MonitoringCredentials;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.Secret;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.MutableClock;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The probes against the sandbox: the seeded public external key store is probed through
 * the sandbox XKS proxy with a monitoring credential the proxy accepts for its prefix (a
 * second registration in the test profile), and the records show in the fleet health, the
 * history and the metrics; a level change is published once.
 */
@ConsoleApplicationTest
@Import(HealthProbesApplicationTest.Config.class)
class HealthProbesApplicationTest {

    static final KeyStoreRef PUBLIC_XKS = new KeyStoreRef(new KmsTarget("111122223333", "us-east-1"),
            SeededKeyStores.PUBLIC_XKS);

    /** The staging account's store behind the same proxy prefix (tenant A). */
    static final KeyStoreRef STAGING_XKS = new KeyStoreRef(new KmsTarget("555566667777", "eu-west-1"),
            "cks-1a2b3c4d5e6f70819");

    static final MonitoringCredential MONITORING = new MonitoringCredential("MONITORINGTENANTAKEY234",
            Secret.of("bW9uaXRvcmluZy10ZW5hbnQtYS1ub3QtYS1yZWFsLXNlY3JldA"));

    /** Well-formed, but not a credential the sandbox proxy accepts. */
    static final MonitoringCredential UNKNOWN = new MonitoringCredential("MONITORINGUNKNOWNKEY234",
            Secret.of("dW5rbm93bi1tb25pdG9yaW5nLWNyZWRlbnRpYWwtbm90LXJlYWw"));

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        /**
         * Real time (the SDK signs KMS calls with it and the sandbox refuses signatures
         * more than five minutes off), moved by the test in minutes.
         */
        @Bean
        @Primary
        MutableClock healthTestClock() {
            return new MutableClock(Instant.now());
        }

        @Bean
        HealthEvents healthEvents() {
            return new HealthEvents();
        }

    }

    static class HealthEvents {

        final List<StoreHealthChanged> received = new CopyOnWriteArrayList<>();

        @EventListener
        void on(StoreHealthChanged event) {
            received.add(event);
        }

    }

    @Autowired
    HealthProbes probes;

    @Autowired
    MonitoringCredentials credentials;

    @Autowired
    FleetHealth fleet;

    @Autowired
    HealthHistory history;

    @Autowired
    HealthEvents events;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void everyJobDueNow() {
        // The tests share one database; each starts at real time with every job due.
        clock.setToRealTime();
        JdbcClient.create(dataSource)
            .sql("update health_job set next_due_at = ?")
            .param(clock.instant().atOffset(ZoneOffset.UTC))
            .update();
    }

    @AfterEach
    void removeTheCredentials() {
        credentials.remove(PUBLIC_XKS, "test");
        credentials.remove(STAGING_XKS, "test");
    }

    List<StoreHealthChanged> eventsOf(KeyStoreRef store) {
        return events.received.stream().filter(event -> event.store().equals(store)).toList();
    }

    @Test
    void aMonitoredStoreIsProbedRecordedJudgedAndMeasured() {
        credentials.put(PUBLIC_XKS, MONITORING, "test");

        var ran = probes.runDueJobs();

        assertThat(ran).contains(HealthProbes.key("target", PUBLIC_XKS.target()), HealthProbes.key("probe", PUBLIC_XKS),
                HealthProbes.key("keys", PUBLIC_XKS));
        // In sandbox mode only mapped hosts are TLS-checked: the sandbox's TLS endpoint
        // serves xks-public with a certificate valid for 200 days.
        assertThat(ran).contains(HealthProbes.key("tls", PUBLIC_XKS));
        var health = fleet.of(PUBLIC_XKS).orElseThrow();
        assertThat(health.name()).isEqualTo("ekm-public-tenant-a");
        assertThat(health.external()).isTrue();
        assertThat(health.monitored()).isTrue();
        assertThat(health.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(health.level()).isEqualTo(HealthLevel.HEALTHY);
        assertThat(health.findings()).isEmpty();
        assertThat(health.certificateDaysLeft()).isBetween(150, 200);
        ProbeSample probe = health.lastProbe();
        assertThat(probe).isNotNull();
        assertThat(probe.outcome()).isEqualTo(ProbeSample.HEALTHY);
        assertThat(probe.vendor()).isNotBlank();
        assertThat(probe.externalKeyManagers()).isNotEmpty();

        var hour = history.history(PUBLIC_XKS, HealthWindow.HOUR);
        assertThat(hour.buckets()).hasSize(60);
        assertThat(hour.buckets().get(59).samples()).isEqualTo(1);
        assertThat(hour.buckets().get(59).healthy()).isEqualTo(1);
        assertThat(hour.states()).last().satisfies(span -> {
            assertThat(span.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(span.until()).isNull();
        });
        assertThat(hour.externalKeys()).anySatisfy(check -> {
            assertThat(check.externalKeyId()).isEqualTo("tenant-a-aes-1");
            assertThat(check.status()).isEqualTo("ENABLED");
        });
        assertThat(eventsOf(PUBLIC_XKS)).last().satisfies(event -> {
            assertThat(event.to()).isEqualTo(HealthLevel.HEALTHY);
        });
        // Every described store of the default target has a status row, a CloudHSM store
        // too.
        assertThat(fleet.of(List.of(PUBLIC_XKS.target())).get(0).stores())
            .extracting(store -> store.store().keyStoreId())
            .contains(SeededKeyStores.FINANCE_HSM, SeededKeyStores.PUBLIC_XKS);
        // Metrics: the latency timer of the instance that probed, the gauges of the
        // status.
        assertThat(meters.find(HealthMetrics.LATENCY).tag("store_id", SeededKeyStores.PUBLIC_XKS).timer()).isNotNull()
            .satisfies(timer -> assertThat(timer.count()).isPositive());
        assertThat(meters.find(HealthMetrics.LEVEL).tag("store_id", SeededKeyStores.PUBLIC_XKS).gauge())
            .satisfies(gauge -> assertThat(gauge.value()).isEqualTo(HealthLevel.HEALTHY.ordinal()));

        // Nothing is due again within the interval: no second probe.
        assertThat(probes.runDueJobs()).doesNotContain(HealthProbes.key("probe", PUBLIC_XKS));
    }

    @Test
    void threeFailedProbesMakeTheStoreFailingAndPublishTheChangeOnce() {
        credentials.put(STAGING_XKS, MONITORING, "test");
        probes.runDueJobs();
        assertThat(fleet.of(STAGING_XKS).orElseThrow().level()).isEqualTo(HealthLevel.HEALTHY);
        int before = eventsOf(STAGING_XKS).size();

        credentials.put(STAGING_XKS, UNKNOWN, "test");
        for (int probe = 1; probe <= 3; probe++) {
            clock.advance(Duration.ofSeconds(61));
            probes.runDueJobs();
            if (probe < 3) {
                assertThat(fleet.of(STAGING_XKS).orElseThrow().level()).as("after %d failed probes", probe)
                    .isEqualTo(HealthLevel.HEALTHY);
            }
        }

        var health = fleet.of(STAGING_XKS).orElseThrow();
        assertThat(health.level()).isEqualTo(HealthLevel.FAILING);
        assertThat(health.findings()).extracting(finding -> finding.reason()).contains(HealthReason.PROBE_FAILING);
        assertThat(health.lastProbe()).isNotNull();
        assertThat(health.lastProbe().outcome()).isEqualTo("AUTHENTICATION_FAILED");
        var changes = eventsOf(STAGING_XKS).subList(before, eventsOf(STAGING_XKS).size());
        assertThat(changes).singleElement().satisfies(event -> {
            assertThat(event.from()).isEqualTo(HealthLevel.HEALTHY);
            assertThat(event.to()).isEqualTo(HealthLevel.FAILING);
            assertThat(event.alertWorthy()).isTrue();
        });
        var hour = history.history(STAGING_XKS, HealthWindow.HOUR);
        assertThat(hour.buckets().stream().mapToInt(bucket -> bucket.samples() - bucket.healthy()).sum())
            .isGreaterThanOrEqualTo(3);
    }

    @Test
    void noTableHoldsTheMonitoringSecret() {
        credentials.put(PUBLIC_XKS, MONITORING, "test");
        probes.runDueJobs();

        var jdbc = JdbcClient.create(dataSource);
        String secret = MONITORING.secretAccessKey().reveal();
        for (String table : List.of("health_job", "health_state_change", "health_probe_sample", "health_probe_hourly",
                "health_tls_check", "health_external_key_check", "health_store_status")) {
            var rows = jdbc.sql("select * from " + table).query().listOfRows();
            assertThat(rows.toString()).as(table).doesNotContain(secret);
        }
    }

}
