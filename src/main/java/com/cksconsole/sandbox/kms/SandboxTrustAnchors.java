package com.cksconsole.sandbox.kms;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import com.cksconsole.sandbox.kms.SandboxKmsProperties.CloudHsmCluster;

/**
 * The trust anchor certificate ({@code customerCA.crt}) and the cluster certificate of
 * each simulated CloudHSM backup family. A family with a PEM in
 * {@code console.sandbox.cloudhsm-trust-anchors} uses it (and has no cluster certificate:
 * the sandbox does not hold that CA's key); every other family gets a real X.509 CA
 * certificate and a cluster certificate signed by it
 * ({@link ClusterCertificateAuthority}) the first time a database needs them, stored with
 * the sandbox's state, so they are the same after a restart and on every instance sharing
 * the database.
 */
final class SandboxTrustAnchors {

    private record Family(String trustAnchor, @Nullable String clusterCertificate) {
    }

    private final KeyStoreRepository repository;

    private final Clock clock;

    private final Map<String, String> configured;

    private final Map<String, Family> byFamily = new ConcurrentHashMap<>();

    private SandboxTrustAnchors(KeyStoreRepository repository, Clock clock, Map<String, String> configured) {
        this.repository = repository;
        this.clock = clock;
        this.configured = configured;
    }

    /**
     * Loads (or issues) the certificates of every configured cluster's family at
     * start-up, so that the KMS and CloudHSM operations, which run inside transactions,
     * only ever read them from memory.
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
        return family(backupFamily).trustAnchor();
    }

    /**
     * The cluster certificate the family's trust anchor signed; empty for a configured
     * trust anchor and for a family an earlier version issued without one.
     */
    Optional<String> clusterCertificate(String backupFamily) {
        return Optional.ofNullable(family(backupFamily).clusterCertificate());
    }

    private Family family(String backupFamily) {
        return byFamily.computeIfAbsent(backupFamily, this::loadOrIssue);
    }

    private Family loadOrIssue(String family) {
        String pem = configured.get(family);
        if (pem != null) {
            return new Family(pem, null);
        }
        Optional<String> stored = repository.trustAnchor(family);
        if (stored.isPresent()) {
            return new Family(stored.get(), repository.clusterCertificate(family).orElse(null));
        }
        var issued = ClusterCertificateAuthority.issueFamily(family, clock.instant());
        String anchor = repository.createTrustAnchor(family, issued.trustAnchor(), issued.clusterCertificate());
        // Another instance may have stored its own pair first: keep what the database
        // holds.
        return new Family(anchor, repository.clusterCertificate(family).orElse(null));
    }

}
