package com.cksconsole.keystore.internal;

import java.time.Clock;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

import software.amazon.awssdk.services.kms.KmsClient;

import com.cksconsole.keystore.ConnectionTransitions;
import org.springframework.context.ApplicationEventPublisher;
import com.cksconsole.keystore.StoreChangeLocks;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksPreflights;
import com.cksconsole.support.TestTargets;
import com.cksconsole.xks.HealthOnlyXksProxyClient;
import com.cksconsole.xks.XksProxyClient;

/**
 * Builds the key store domain's services by hand, for tests of other packages (guided
 * changes).
 */
public final class KeyStoreServices {

    private KeyStoreServices() {
    }

    /**
     * A service over this KMS client, with a snapshot of 3 s, an audit log that only
     * remembers, and no XKS proxy behind the pre-flight check.
     */
    public static KeyStoreService over(KmsClient kms, Clock clock, StoreChangeLocks locks,
            ApplicationEventPublisher activity) {
        return over(kms, clock, locks, activity, HealthOnlyXksProxyClient.answering(request -> {
            throw new AssertionError("no XKS proxy call expected");
        }));
    }

    public static KeyStoreService over(KmsClient kms, Clock clock, StoreChangeLocks locks,
            ApplicationEventPublisher activity, XksProxyClient proxy) {
        var gateway = new KmsGateway(kms);
        return new KeyStoreService(gateway, new KeyStoreSnapshots(gateway, clock, Duration.ofSeconds(3)),
                new UpdatePolicy(false), new RecordingKeyStoreAudit(), locks, activity,
                new ConnectionTransitions(clock, new com.cksconsole.keystore.InMemoryConnectionTransitionRecords()),
                XksPreflights.of(proxy, "us-east-1", Duration.ofMillis(250), clock));
    }

    /** The production {@link StoreChangeLocks} on a database of the test's own. */
    public static StoreChangeLocks jdbcLocks(JdbcClient jdbc, Clock clock) {
        return new JdbcStoreChangeLocks(jdbc, clock);
    }

    /**
     * The console's own KMS client of its default target (the sandbox's default account),
     * as the application built it.
     */
    public static KmsClient defaultClient(org.springframework.context.ApplicationContext context) {
        return context.getBean(KmsClients.class)
            .client(context.getBean(com.cksconsole.keystore.KmsTargets.class).defaultTarget());
    }

    /** The console's own KMS client of a target. */
    public static KmsClient client(org.springframework.context.ApplicationContext context,
            com.cksconsole.kms.KmsTarget target) {
        return context.getBean(KmsClients.class).client(target);
    }

}
