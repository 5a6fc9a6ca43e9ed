package com.cksconsole.health.probe;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.cksconsole.health.FleetHealth;
import com.cksconsole.health.HealthHistory;
import com.cksconsole.health.credentials.MonitoringCredentials;
import com.cksconsole.health.tls.TlsEndpointCheck;
import com.cksconsole.keys.KeyInventory;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.ProxyCredentialAges;
import com.cksconsole.targets.Target;
import com.cksconsole.xks.XksProxyClient;

import io.micrometer.core.instrument.MeterRegistry;

/** Wires the probes, the verdicts and the reads from plain classes. */
@Configuration(proxyBeanMethods = false)
class HealthProbeConfiguration {

    @Bean
    HealthRepository healthRepository(DataSource dataSource, PlatformTransactionManager transactions) {
        return new HealthRepository(JdbcClient.create(dataSource), transactions);
    }

    @Bean
    FleetHealth fleetHealth(HealthRepository repository) {
        return new DatabaseFleetHealth(repository);
    }

    @Bean
    HealthHistory healthHistory(HealthRepository repository, Clock clock) {
        return new DatabaseHealthHistory(repository, clock);
    }

    @Bean
    HealthMetrics healthMetrics(ObjectProvider<MeterRegistry> registry) {
        return new HealthMetrics(registry.getIfAvailable());
    }

    @Bean
    HealthJudge healthJudge(HealthRepository repository, HealthProperties properties,
            ProxyCredentialAges credentialAges, ApplicationEventPublisher events, Clock clock) {
        return new HealthJudge(repository, new HealthRules(properties), properties, credentialAges, events, clock);
    }

    @Bean
    HealthProbes healthProbes(HealthRepository repository, HealthJudge judge, HealthProperties properties,
            KmsTargets targets, KeyStoreReads keyStores, MonitoringCredentials credentials, XksProxyClient proxies,
            KeyInventory keys, TlsEndpointCheck tls, HealthMetrics metrics, Clock clock) {
        // Which hosts are TLS-checked is the TLS check's to say
        // (TlsEndpointCheck.reaches):
        // in sandbox mode only mapped ones.
        return new HealthProbes(repository, judge, properties,
                () -> targets.usable().stream().map(Target::kmsTarget).toList(), keyStores, credentials, proxies, keys,
                tls, metrics, clock, HealthProbes.newOwner());
    }

}
