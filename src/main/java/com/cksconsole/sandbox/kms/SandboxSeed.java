package com.cksconsole.sandbox.kms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.sandbox.kms.SandboxKeyStore.CloudHsmSettings;
import com.cksconsole.sandbox.kms.SandboxKeyStore.Pending;
import com.cksconsole.sandbox.kms.SandboxKeyStore.XksSettings;
import com.cksconsole.sandbox.kms.SandboxWorldProperties.SeedCloudHsm;
import com.cksconsole.sandbox.kms.SandboxWorldProperties.SeedKey;
import com.cksconsole.sandbox.kms.SandboxWorldProperties.SeedStore;
import com.cksconsole.sandbox.kms.SandboxWorldProperties.SeedXks;

/**
 * The example stores an empty sandbox starts with ({@code console.sandbox.seed-stores} in
 * {@code application-sandbox.yml}; docs/sandbox.md lists them). Seeding happens once per
 * database and per account and Region: a setting row marks it, so deleted examples do not
 * come back after a restart. The XKS secrets are the public sandbox proxy registrations,
 * not real credentials.
 */
final class SandboxSeed {

    /**
     * The marker of the default account's Region (the name earlier versions used, so they
     * are not seeded twice).
     */
    static final String SEEDED_SETTING = "seeded-at";

    /** The marker of seeded KMS keys, per account and Region. */
    static final String KEYS_SEEDED_SETTING = "keys-seeded-at";

    private static final Logger log = LoggerFactory.getLogger(SandboxSeed.class);

    private final KeyStoreRepository repository;

    private final TransactionTemplate transactions;

    private final SimulatedAws aws;

    private final AccountRegion home;

    private final Clock clock;

    private final KeyRepository keys;

    /**
     * @param home the default account in the console's Region: where stores without
     * account and Region go
     */
    SandboxSeed(KeyStoreRepository repository, KeyRepository keys, TransactionTemplate transactions, SimulatedAws aws,
            AccountRegion home, Clock clock) {
        this.keys = keys;
        this.repository = repository;
        this.transactions = transactions;
        this.aws = aws;
        this.home = home;
        this.clock = clock;
    }

    void seedOnFirstStart(List<SeedStore> seeds) {
        Map<AccountRegion, List<SandboxKeyStore>> byTarget = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (SeedStore seed : seeds) {
            var target = new AccountRegion(seed.accountId() == null ? home.accountId() : seed.accountId(),
                    seed.region() == null ? home.region() : seed.region());
            if (repository.setting(marker(target)).isEmpty()) {
                // Built before the transaction: a trust anchor issued now is stored
                // outside it.
                byTarget.computeIfAbsent(target, key -> new ArrayList<>()).add(store(target, seed, now));
            }
        }
        byTarget.forEach(this::seed);
        seedKeys(seeds);
    }

    /**
     * The seeded stores' KMS keys, once per account and Region (their own marker, so a
     * sandbox seeded before keys existed gets them too), into stores that still exist.
     */
    private void seedKeys(List<SeedStore> seeds) {
        Map<AccountRegion, List<SeedStore>> byTarget = new LinkedHashMap<>();
        for (SeedStore seed : seeds) {
            if (!seed.keys().isEmpty()) {
                byTarget.computeIfAbsent(target(seed), key -> new ArrayList<>()).add(seed);
            }
        }
        byTarget.forEach((target, stores) -> {
            String marker = KEYS_SEEDED_SETTING + ":" + target;
            if (repository.setting(marker).isPresent()) {
                return;
            }
            repository.ensureRegion(target);
            try {
                transactions.executeWithoutResult(status -> {
                    repository.lockRegion(target);
                    if (repository.setting(marker).isPresent()) {
                        return;
                    }
                    repository.insertSetting(marker, clock.instant().toString());
                    var existing = repository.findAll(target);
                    for (SeedStore seed : stores) {
                        if (existing.stream().anyMatch(store -> store.id().equals(seed.id()))) {
                            insertKeys(target, seed);
                        }
                    }
                });
            }
            catch (DataIntegrityViolationException seededByAnotherInstance) {
                log.debug("KMS sandbox keys already seeded by another instance");
            }
        });
    }

    private void insertKeys(AccountRegion target, SeedStore seed) {
        String origin = seed.xks() != null ? SandboxKey.ORIGIN_XKS : SandboxKey.ORIGIN_CLOUDHSM;
        Instant created = seed.creationDate();
        for (SeedKey key : seed.keys()) {
            // A day apart, after the store: stable creation order and dates.
            created = created.plus(Duration.ofDays(1));
            if (keys.find(target, key.keyId()).isPresent()) {
                continue;
            }
            keys.insert(new SandboxKey(target.accountId(), target.region(), key.keyId(), seed.id(), origin,
                    SandboxKey.State.valueOf(key.state()), key.description(), created, null, key.xksKeyId()));
            keys.replaceTags(target, key.keyId(), new TreeMap<>(key.tags()));
            for (String alias : key.aliases()) {
                if (keys.alias(target, alias).isEmpty()) {
                    keys.insertAlias(target, new KeyRepository.Alias(alias, key.keyId(), created, created));
                }
            }
        }
        log.info("KMS sandbox seeded {} example KMS keys in {} ({})", seed.keys().size(), seed.name(), target);
    }

    private AccountRegion target(SeedStore seed) {
        return new AccountRegion(seed.accountId() == null ? home.accountId() : seed.accountId(),
                seed.region() == null ? home.region() : seed.region());
    }

    private void seed(AccountRegion target, List<SandboxKeyStore> stores) {
        repository.ensureRegion(target);
        String marker = marker(target);
        try {
            boolean seeded = Boolean.TRUE.equals(transactions.execute(status -> {
                // Instances starting together queue on the lock row; the later ones find
                // the marker.
                repository.lockRegion(target);
                if (repository.setting(marker).isPresent()) {
                    return false;
                }
                repository.insertSetting(marker, clock.instant().toString());
                stores.forEach(repository::insert);
                return true;
            }));
            if (seeded) {
                log.info("KMS sandbox seeded with {} example custom key stores in {}", stores.size(), target);
            }
        }
        catch (DataIntegrityViolationException seededByAnotherInstance) {
            log.debug("KMS sandbox already seeded by another instance");
        }
    }

    private String marker(AccountRegion target) {
        return target.equals(home) ? SEEDED_SETTING : SEEDED_SETTING + ":" + target;
    }

    private SandboxKeyStore store(AccountRegion target, SeedStore seed, Instant now) {
        SeedCloudHsm hsm = seed.cloudhsm();
        SeedXks xks = seed.xks();
        CloudHsmSettings cloudHsm = hsm == null ? null
                : new CloudHsmSettings(hsm.clusterId(),
                        aws.cluster(hsm.clusterId())
                            .map(aws::trustAnchor)
                            .orElseGet(() -> aws.trustAnchorOfFamily(hsm.clusterId())),
                        hsm.keyStorePassword());
        XksSettings xksSettings = xks == null ? null : new XksSettings(xks.connectivity(), xks.uriEndpoint(),
                xks.uriPath(),
                xks.vpcEndpointServiceName() == null ? null
                        : xks.vpcEndpointServiceName().replace("{region}", target.region()),
                xks.vpcEndpointServiceName() == null ? null
                        : xks.vpcEndpointServiceOwner() == null ? target.accountId() : xks.vpcEndpointServiceOwner(),
                xks.accessKeyId(), xks.rawSecretAccessKey());
        return new SandboxKeyStore(target.accountId(), seed.id(), target.region(), seed.name(),
                hsm != null ? KeyStoreType.AWS_CLOUDHSM : KeyStoreType.EXTERNAL_KEY_STORE, seed.state(),
                seed.connectionErrorCode(), pending(seed, now), seed.creationDate(), cloudHsm, xksSettings, 0);
    }

    /**
     * A seeded transient state ends like the operation that began it, after
     * {@code settles-after}.
     */
    private static @Nullable Pending pending(SeedStore seed, Instant now) {
        return switch (seed.state()) {
            case CONNECTING -> new Pending(ConnectionState.CONNECTED, null, now.plus(seed.settlesAfter()));
            case DISCONNECTING -> new Pending(ConnectionState.DISCONNECTED, null, now.plus(seed.settlesAfter()));
            default -> null;
        };
    }

}
