package com.cksconsole.sandbox.xksproxy;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Monitoring credentials a fresh sandbox gives its stores, so that the health probes
 * watch them from the first start (docs/sandbox.md "Health of the seeded stores").
 *
 * @param monitoringCredentials the stores and their monitoring credentials; each is set
 * once, when the store has none (an operator's later change or removal stays)
 */
@ConfigurationProperties("console.sandbox.health")
record SandboxMonitoringCredentialsProperties(@DefaultValue List<Seed> monitoringCredentials) {

    SandboxMonitoringCredentialsProperties {
        monitoringCredentials = List.copyOf(monitoringCredentials);
    }

    /**
     * One store's monitoring credential: a credential the sandbox proxy accepts on the
     * store's prefix, not the one KMS uses.
     *
     * @param accountId the store's account
     * @param region the store's Region
     * @param keyStoreId the store's ID
     * @param accessKeyId the access key ID (20-30 characters, A-Z and 2-7)
     * @param secretAccessKey the secret (43-64 characters); fake and public, never logged
     */
    record Seed(String accountId, String region, String keyStoreId, String accessKeyId, String secretAccessKey) {

        @Override
        public String toString() {
            return "Seed[accountId=" + accountId + ", region=" + region + ", keyStoreId=" + keyStoreId
                    + ", accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>]";
        }

    }

}
