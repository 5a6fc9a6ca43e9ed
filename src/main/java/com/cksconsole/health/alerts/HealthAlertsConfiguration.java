package com.cksconsole.health.alerts;

import java.time.Clock;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.Targets;

/** Wires the health alerts from plain classes (the tests build them by hand). */
@Configuration(proxyBeanMethods = false)
class HealthAlertsConfiguration {

    @Bean
    AlertRepository healthAlertRepository(DataSource dataSource) {
        return new AlertRepository(JdbcClient.create(dataSource));
    }

    @Bean
    HealthAlerts healthAlerts(AlertRepository repository, HealthAlertsProperties properties, AuditTrail auditTrail,
            PlatformTransactionManager transactions, Clock clock) {
        return new HealthAlerts(repository, properties, intent -> auditTrail.record(intent, AuditResult.succeeded()),
                transactions, clock);
    }

    @Bean
    BreakGlassAlerts breakGlassAlerts(AlertRepository repository, HealthAlertsProperties properties, Targets targets,
            PlatformTransactionManager transactions, Clock clock) {
        return new BreakGlassAlerts(repository, properties,
                name -> TargetName.isValid(name)
                        ? targets.find(new TargetName(name))
                            .map(found -> new KmsTarget(found.target().accountId(), found.target().region()))
                        : Optional.empty(),
                transactions, clock);
    }

    @Bean
    AlertDelivery healthAlertDelivery(AlertRepository repository, HealthAlertsProperties properties,
            AuditTrail auditTrail, Clock clock, KmsTargets kmsTargets) {
        return new AlertDelivery(repository, properties, kmsTargets::storePath, (intent, error) -> auditTrail
            .record(intent, AuditResult.failed("WebhookDeliveryFailed", error, null, null)), clock);
    }

}
