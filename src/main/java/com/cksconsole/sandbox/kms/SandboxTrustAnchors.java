package com.cksconsole.sandbox.kms;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.cksconsole.sandbox.kms.SandboxKmsProperties.CloudHsmCluster;

/**
 * The trust anchor certificate ({@code customerCA.crt}) of each simulated CloudHSM backup
 * family. A family with a PEM in {@code console.sandbox.cloudhsm-trust-anchors} uses it;
 * every other family gets a real X.509 certificate ({@link ClusterCertificateAuthority})
 * the first time a database needs it, stored with the sandbox's state, so it is the same
 * after a restart and on every instance sharing the database.
 */
final class SandboxTrustAnchors {

    private final KeyStoreRepository repository;

    private final Clock clock;

    private final Map<String, String> byFamily = new ConcurrentHashMap<>();

    private SandboxTrustAnchors(KeyStoreRepository repository, Clock clock, Map<String, String> configured) {
        this.repository = repository;
        this.clock = clock;
        byFamily.putAll(configured);
    }

    /**
     * Loads (or issues) the trust anchor of every configured cluster's family at
     * start-up, so that the KMS operations, which run inside transactions, only ever read
     * them from memory.
     */
    static SandboxTrustAnchors load(KeyStoreRepository repository, Clock clock, SandboxKmsProperties properties) {
        var anchors = new SandboxTrustAnchors(repository, clock, properties.cloudhsmTrustAnchors());
        properties.cloudhsmClusters()
            .values()
            .stream()
            .map(CloudHsmCluster::backupFamily)
            .distinct()
            .forEach(anchors::of);
        return anchors;
    }

    /**
     * The family's trust anchor. A family that has none yet (only one no configured
     * cluster belongs to) gets one now: outside transactions only, like
     * {@link KeyStoreRepository#createTrustAnchor}.
     */
    String of(String backupFamily) {
        return byFamily.computeIfAbsent(backupFamily,
                family -> repository.trustAnchor(family)
                    .orElseGet(() -> repository.createTrustAnchor(family,
                            ClusterCertificateAuthority.issue(family, clock.instant()))));
    }

}
