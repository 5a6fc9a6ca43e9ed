package com.cksconsole.sandbox.kms;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.sandbox.kms.SandboxKeyStore.CloudHsmSettings;
import com.cksconsole.sandbox.kms.SandboxKeyStore.XksSettings;

/**
 * The five example stores an empty sandbox starts with (team brief, "Seeded sandbox stores"). Seeding happens once
 * per database: a setting row marks it, so deleted examples do not come back after a restart. The XKS secrets are
 * the public sandbox proxy registrations, not real credentials.
 */
final class SandboxSeed {

    static final String SEEDED_SETTING = "seeded-at";
    private static final Logger log = LoggerFactory.getLogger(SandboxSeed.class);

    private final KeyStoreRepository repository;
    private final TransactionTemplate transactions;
    private final SimulatedAws aws;
    private final String accountId;

    SandboxSeed(KeyStoreRepository repository, TransactionTemplate transactions, SimulatedAws aws, String accountId) {
        this.repository = repository;
        this.transactions = transactions;
        this.aws = aws;
        this.accountId = accountId;
    }

    void seedOnFirstStart(String region) {
        if (repository.setting(SEEDED_SETTING).isPresent()) {
            return;
        }
        repository.ensureRegion(region);
        // Built before the transaction: a trust anchor issued now is stored outside it.
        List<SandboxKeyStore> stores = stores(region);
        try {
            boolean seeded = Boolean.TRUE.equals(transactions.execute(status -> {
                // Instances starting together queue on the Region lock; the later ones find the marker.
                repository.lockRegion(region);
                if (repository.setting(SEEDED_SETTING).isPresent()) {
                    return false;
                }
                repository.insertSetting(SEEDED_SETTING, Instant.now().toString());
                stores.forEach(repository::insert);
                return true;
            }));
            if (seeded) {
                log.info("KMS sandbox seeded with 5 example custom key stores in {}", region);
            }
        } catch (DataIntegrityViolationException seededByAnotherInstance) {
            log.debug("KMS sandbox already seeded by another instance");
        }
    }

    private List<SandboxKeyStore> stores(String region) {
        return List.of(
                cloudHsm(region, "cks-5f3a9c0e1d2b4a687", "finance-hsm-primary", "cluster-jxhlf7644ne", "A",
                        "Finance2026", ConnectionState.CONNECTED, "2025-01-14T09:32:17.418Z"),
                cloudHsm(region, "cks-8b1e4d7a2c9f03516", "payments-hsm-dr", "cluster-k4p2mq7xa3b", "B",
                        "PaymentsDr77", ConnectionState.DISCONNECTED, "2025-03-02T14:05:51.207Z"),
                xks(region, "cks-2d9c6a1f8e4b7035c", "ekm-public-tenant-a", new XksSettings(
                        XksConnectivity.PUBLIC_ENDPOINT, "https://xks-public.sandbox.example.com",
                        "/tenant-a/kms/xks/v1",
                        null, null, "SANDBOXTENANTAKEYID234", "Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I="),
                        ConnectionState.CONNECTED, null, "2025-05-20T08:41:03.655Z"),
                xks(region, "cks-6e0f3b8d5a1c29e47", "ekm-private-vpc", new XksSettings(
                        XksConnectivity.VPC_ENDPOINT_SERVICE, "https://xks-private.sandbox.example.com", "/kms/xks/v1",
                        "com.amazonaws.vpce." + region + ".vpce-svc-0a1b2c3d4e5f60718", accountId,
                        "SANDBOXPRIVATEKEYID234", "bkxpr9IULpS3jrozWj+U+JWjlOlKWWt8sf+7wovtFtQ="),
                        ConnectionState.DISCONNECTED, null, "2025-07-08T16:22:45.031Z"),
                xks(region, "cks-a4c7e2f9b6d1380f2", "ekm-lab-slow", new XksSettings(
                        XksConnectivity.PUBLIC_ENDPOINT, "https://xks-lab.sandbox.example.com", "/slow/kms/xks/v1",
                        null, null, "SANDBOXLABKEYIDZZ23456", "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o="),
                        ConnectionState.FAILED, "XKS_PROXY_TIMED_OUT", "2025-09-29T11:17:38.902Z"));
    }

    private SandboxKeyStore cloudHsm(String region, String id, String name, String clusterId, String family,
                                     String password, ConnectionState state, String created) {
        String trustAnchor = aws.cluster(clusterId).map(aws::trustAnchor)
                .orElseGet(() -> aws.trustAnchorOfFamily(family));
        return new SandboxKeyStore(id, region, name, KeyStoreType.AWS_CLOUDHSM, state, null, null,
                Instant.parse(created), new CloudHsmSettings(clusterId, trustAnchor, password), null, 0);
    }

    private static SandboxKeyStore xks(String region, String id, String name, XksSettings settings,
                                       ConnectionState state, @Nullable String errorCode, String created) {
        return new SandboxKeyStore(id, region, name, KeyStoreType.EXTERNAL_KEY_STORE, state, errorCode, null,
                Instant.parse(created), null, settings, 0);
    }
}
