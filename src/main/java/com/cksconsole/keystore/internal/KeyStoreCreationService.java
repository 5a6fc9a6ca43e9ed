package com.cksconsole.keystore.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.keystore.ChangeNotSentException;
import com.cksconsole.keystore.CreateProblem;
import com.cksconsole.keystore.CreateRefusedException;
import com.cksconsole.keystore.CreatedStore;
import com.cksconsole.keystore.CloudHsmClusters;
import com.cksconsole.keystore.CreationRules;
import com.cksconsole.keystore.KeyStoreCreateFailedException;
import com.cksconsole.keystore.KeyStoreCreation;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.NewCloudHsmStore;
import com.cksconsole.keystore.NewXksStore;
import com.cksconsole.keystore.PreflightClearance;
import com.cksconsole.keystore.PreflightResult;
import com.cksconsole.keystore.XksPreflight;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;
import com.cksconsole.targets.Target;

/**
 * The one implementation of {@link KeyStoreCreation}: the rules against the target's
 * snapshot for the wizard's pages, again against a fresh Describe right before sending,
 * then CreateCustomKeyStore through {@link KmsGateway}, audited through
 * {@link KeyStoreAudit} (intent first, fail closed), and the target's snapshot forgotten
 * so that the list shows the new store.
 */
@Service
class KeyStoreCreationService implements KeyStoreCreation {

    private static final Logger log = LoggerFactory.getLogger(KeyStoreCreationService.class);

    private final KmsGateway gateway;

    private final KeyStoreSnapshots snapshots;

    private final KeyStoreAudit audit;

    private final XksPreflight preflight;

    private final KmsTargets targets;

    private final CloudHsmClusters clusters;

    KeyStoreCreationService(KmsGateway gateway, KeyStoreSnapshots snapshots, KeyStoreAudit audit,
            XksPreflight preflight, KmsTargets targets, CloudHsmClusters clusters) {
        this.gateway = gateway;
        this.snapshots = snapshots;
        this.audit = audit;
        this.preflight = preflight;
        this.targets = targets;
        this.clusters = clusters;
    }

    @Override
    public List<CreateProblem> check(NewXksStore store) {
        return CreationRules.problems(store, snapshotOf(store.target()), quota(store.target()));
    }

    @Override
    public List<CreateProblem> checkName(KmsTarget target, String name) {
        return CreationRules.nameProblems(name, snapshotOf(target), quota(target));
    }

    @Override
    public List<CreateProblem> check(NewCloudHsmStore store) {
        return CreationRules.problems(store, snapshotOf(store.target()), quota(store.target()),
                backupFamilies(store.target()));
    }

    /**
     * Each cluster's backup family (its cluster certificate), so that a cluster related
     * to one behind a store counts as in use; empty when the clusters cannot be read (KMS
     * still checks).
     */
    private Map<String, String> backupFamilies(KmsTarget target) {
        var families = new HashMap<String, String>();
        for (var entry : clusters.read(target).clusters()) {
            String certificate = entry.cluster().clusterCertificate();
            if (certificate != null) {
                families.put(entry.cluster().clusterId(), certificate.strip().replace("\r\n", "\n"));
            }
        }
        return families;
    }

    @Override
    public PreflightResult healthCheck(NewXksStore store) {
        return preflight.check(store.preflightTarget(), store.credential().rawSecretAccessKey());
    }

    @Override
    public int quota(KmsTarget target) {
        return targets.of(target).map(Target::storeQuota).orElse(Target.DEFAULT_STORE_QUOTA);
    }

    @Override
    public CreatedStore createXks(NewXksStore store, String actor, PreflightClearance clearance,
            @Nullable ProxyConfigurationSource importedFrom) {
        requireAcceptable(store.target(), store.name(),
                CreationRules.problems(store, gateway.describeAll(store.target()), quota(store.target())));
        return sent(store.target(), store.name(), actor,
                () -> audit.auditedCreate(store, clearance, importedFrom, () -> gateway.create(store)));
    }

    @Override
    public CreatedStore createCloudHsm(NewCloudHsmStore store, String actor) {
        requireAcceptable(store.target(), store.name(), CreationRules.problems(store,
                gateway.describeAll(store.target()), quota(store.target()), backupFamilies(store.target())));
        return sent(store.target(), store.name(), actor, () -> audit.auditedCreate(store, () -> gateway.create(store)));
    }

    @Override
    public void recordRefusedCreate(KmsTarget target, String name, String actor, List<String> why) {
        audit.refusedCreate(target, name, why);
    }

    @Override
    public void recordImport(KmsTarget target, String name, ProxyConfigurationSource configuration,
            List<String> problems) {
        audit.importedForCreate(target, name, configuration, problems);
    }

    private void requireAcceptable(KmsTarget target, String name, List<CreateProblem> problems) {
        if (!problems.isEmpty()) {
            audit.refusedCreate(target, name, problems.stream().map(CreateProblem::message).toList());
            throw new CreateRefusedException(problems);
        }
    }

    private CreatedStore sent(KmsTarget target, String name, String actor,
            java.util.function.Supplier<KeyStoreAudit.Created> call) {
        KeyStoreAudit.Created created;
        try {
            created = call.get();
        }
        catch (AuditUnavailableException intentNotWritten) {
            throw new ChangeNotSentException("(new key store)", intentNotWritten);
        }
        catch (KmsCallException e) {
            log.info("CreateCustomKeyStore on {} by {} not applied: {}", target, actor, e.failure().errorCode());
            throw new KeyStoreCreateFailedException(e.failure());
        }
        finally {
            snapshots.invalidate(target);
        }
        var ref = new KeyStoreRef(target, created.created().keyStoreId());
        log.info("CreateCustomKeyStore on {} by {}: created {}{}", target, actor, ref.keyStoreId(),
                created.outcomeRecorded() ? "" : "; its audit outcome could not be recorded");
        return new CreatedStore(ref, created.created().requestId(), created.outcomeRecorded());
    }

    private List<com.cksconsole.keystore.CustomKeyStore> snapshotOf(KmsTarget target) {
        return snapshots.of(target).read().snapshot().stores();
    }

}
