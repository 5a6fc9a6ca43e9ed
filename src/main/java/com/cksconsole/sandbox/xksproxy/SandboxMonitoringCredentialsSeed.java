package com.cksconsole.sandbox.xksproxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.cksconsole.health.credentials.MonitoringCredential;
import com.cksconsole.health.credentials.MonitoringCredentials;
import com.cksconsole.keystore.Secret;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.sandbox.ConditionalOnSandboxMode;

/**
 * Gives the seeded stores of {@code console.sandbox.health.monitoring-credentials} their
 * monitoring credential once the application is ready, unless they have one: a fresh
 * sandbox then shows probe history, a behaviour schedule and alerts without setup. Set
 * like an operator's: audited (actor {@code system}, the start-up's), and shown as set by
 * {@code sandbox-seed}.
 */
@Component
@ConditionalOnSandboxMode
class SandboxMonitoringCredentialsSeed {

    static final String ACTOR = "sandbox-seed";

    private static final Logger log = LoggerFactory.getLogger(SandboxMonitoringCredentialsSeed.class);

    private final SandboxMonitoringCredentialsProperties properties;

    private final MonitoringCredentials credentials;

    SandboxMonitoringCredentialsSeed(SandboxMonitoringCredentialsProperties properties,
            MonitoringCredentials credentials) {
        this.properties = properties;
        this.credentials = credentials;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        for (var seed : properties.monitoringCredentials()) {
            var store = new KeyStoreRef(new KmsTarget(seed.accountId(), seed.region()), seed.keyStoreId());
            try {
                if (credentials.stored(store).isEmpty()) {
                    credentials.put(store,
                            new MonitoringCredential(seed.accessKeyId(), Secret.of(seed.secretAccessKey())), ACTOR);
                    log.info("Sandbox: monitoring credential {} set for {}", seed.accessKeyId(), store);
                }
            }
            catch (RuntimeException e) {
                // A seed that cannot be set (the store deleted, KMS's own key ID) leaves
                // the store unwatched; the sandbox still starts.
                log.warn("Sandbox: no monitoring credential for {}: {}", store, e.getMessage());
            }
        }
    }

}
