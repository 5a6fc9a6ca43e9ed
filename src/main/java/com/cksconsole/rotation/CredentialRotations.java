package com.cksconsole.rotation;

import static com.cksconsole.rotation.RotationRepository.columns;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.cksconsole.audit.AuditParameter;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.health.credentials.CredentialUnreadableException;
import com.cksconsole.health.credentials.MonitoringCredentials;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.XksCredential;
import com.cksconsole.keystore.XksProxySettings;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsField;
import com.cksconsole.rotation.RotationRepository.Column;

/**
 * Credential rotations of external key stores: start one, hand over the proxy
 * configuration file once, and the operator's confirmations along the way (installed on
 * the proxy, old credential removed), cancel, and the recoveries (watch again, stop with
 * both credentials active, give the secret again). The checks in between run in the
 * background ({@link RotationRunner}).
 */
public class CredentialRotations {

    private static final Logger log = LoggerFactory.getLogger(CredentialRotations.class);

    /** The audit parameter that holds the new secret's keyed fingerprint. */
    static final String SECRET_PARAMETER = "XksProxyAuthenticationCredential.RawSecretAccessKey";

    static final String PROVEN_REFUSED = "PROVEN_REFUSED";

    static final String NOT_CHECKED = "NOT_CHECKED";

    private static final Set<RotationStatus> CANCELLABLE = Set.of(RotationStatus.AWAITING_INSTALL,
            RotationStatus.PROVING, RotationStatus.UPDATING, RotationStatus.NEEDS_SECRET);

    private final RotationRepository runs;

    private final HeldSecrets secrets;

    private final ProxyChecks checks;

    private final KeyStoreReads reads;

    private final MonitoringCredentials monitoring;

    private final RotationJournal journal;

    private final RotationRunner runner;

    private final AuditTrail audit;

    private final NewCredentials newCredentials;

    private final RotationProperties properties;

    private final Clock clock;

    CredentialRotations(RotationRepository runs, HeldSecrets secrets, ProxyChecks checks, KeyStoreReads reads,
            MonitoringCredentials monitoring, RotationJournal journal, RotationRunner runner, AuditTrail audit,
            NewCredentials newCredentials, RotationProperties properties, Clock clock) {
        this.runs = runs;
        this.secrets = secrets;
        this.checks = checks;
        this.reads = reads;
        this.monitoring = monitoring;
        this.journal = journal;
        this.runner = runner;
        this.audit = audit;
        this.newCredentials = newCredentials;
        this.properties = properties;
        this.clock = clock;
    }

    public RotationProperties properties() {
        return properties;
    }

    public Optional<RotationRun> find(KeyStoreRef store, String runId) {
        return runs.find(runId).filter(run -> run.store().equals(store));
    }

    public Optional<RotationRun> active(KeyStoreRef store) {
        return runs.active(store);
    }

    /** The store's latest runs, newest first. */
    public List<RotationRun> recent(KeyStoreRef store) {
        return runs.recent(store, 10);
    }

    /**
     * Starts a rotation: step 1 (the new credential, generated or typed) is done with it.
     * @param typed the operator's own new credential; null to have the console generate
     * one
     * @throws RotationRefusedException not an external key store, no proxy credential to
     * rotate, the typed credential is not acceptable, or a rotation is already active
     * @throws com.cksconsole.keystore.KeyStoreNotFoundException the store is gone
     * @throws com.cksconsole.keystore.KmsCallException KMS could not be asked
     */
    public RotationRun start(KeyStoreRef ref, String actor, @Nullable String reason, @Nullable XksCredential typed) {
        CustomKeyStore store = reads.describeNow(ref);
        if (!store.isExternal()) {
            throw new RotationRefusedException("Only external key stores have a proxy credential to rotate.");
        }
        var xks = store.xks().orElse(XksProxySettings.NONE);
        if (xks.accessKeyId() == null || xks.uriEndpoint() == null || xks.uriPath() == null) {
            throw new RotationRefusedException("KMS reports no proxy endpoint, path or credential for this key store.");
        }
        if (runs.active(ref).isPresent()) {
            throw new RotationRefusedException(
                    "A rotation of this key store is already under way: finish or cancel " + "it first.");
        }
        XksCredential credential = typed != null ? checkTyped(ref, typed, xks.accessKeyId())
                : newCredentials.generate();
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        AuditParameter fingerprint = audit.secretReplaced(SECRET_PARAMETER, credential.rawSecretAccessKey().reveal());
        var run = new RotationRun(id, ref, store.name(), RotationStatus.AWAITING_INSTALL, actor, blankToNull(reason),
                typed == null, credential.accessKeyId(), xks.accessKeyId(), xks.uriEndpoint(), xks.uriPath(),
                xks.connectivity(), xks.vpcEndpointServiceName(), store.settingsFingerprint(),
                String.valueOf(fingerprint.fingerprint()), store.connectionState().name(), false, false, null, null,
                null, null, null, null, null, null, null, null, now, now, null, List.of());
        var sealed = secrets.hold(id, credential.accessKeyId(), credential.rawSecretAccessKey());
        String detail = (typed == null
                ? "The console generated " + credential.accessKeyId()
                        + " with a 256-bit secret access key from SecureRandom."
                : "The operator gave the new credential " + credential.accessKeyId() + ".")
                + (sealed == null ? " No key-encryption key is configured: its secret is held in this console "
                        + "instance's memory only." : " Its secret is held encrypted until the rotation ends.");
        boolean created = runs.create(run, sealed, () -> journal.write(run, RotationStep.NEW_CREDENTIAL,
                RotationJournal.OK, actor, detail, RotationAuditAction.CREDENTIAL_ROTATION_STARTED, fingerprint));
        if (!created) {
            secrets.forget(id);
            throw new RotationRefusedException(
                    "A rotation of this key store is already under way: finish or cancel " + "it first.");
        }
        log.info("Credential rotation {} of {} started by {}", id, ref.keyStoreId(), actor);
        return runs.find(id).orElseThrow();
    }

    private XksCredential checkTyped(KeyStoreRef ref, XksCredential typed, String current) {
        KmsField.XKS_ACCESS_KEY_ID.violation(typed.accessKeyId()).ifPresent(violation -> {
            throw new RotationRefusedException("accessKeyId",
                    "The access key ID needs 20 to 30 characters, only A-Z " + "and 2-7.");
        });
        KmsField.XKS_RAW_SECRET_ACCESS_KEY.violation(typed.rawSecretAccessKey().reveal()).ifPresent(violation -> {
            throw new RotationRefusedException("secretAccessKey",
                    "The secret access key needs 43 to 64 characters: " + "letters, digits, /, + and =.");
        });
        if (typed.accessKeyId().equals(current)) {
            throw new RotationRefusedException("accessKeyId", "This is the access key ID KMS uses now: a rotation "
                    + "needs a new one, so that the proxy can accept both while KMS moves over.");
        }
        boolean monitoringOne = monitoring.stored(ref)
            .filter(stored -> stored.accessKeyId().equals(typed.accessKeyId()))
            .isPresent();
        if (monitoringOne) {
            throw new RotationRefusedException("accessKeyId", "This is the console's monitoring credential for the "
                    + "key store: KMS's credential must be another one.");
        }
        return typed;
    }

    /**
     * The proxy configuration file with the new credential, once: empty when it was
     * downloaded already (or the run has ended).
     * @throws RotationRefusedException the secret is not held here (after a restart)
     */
    public Optional<byte[]> downloadConfiguration(RotationRun run, String actor) {
        var secret = secrets.find(run);
        if (secret.isEmpty()) {
            throw new RotationRefusedException("The console no longer holds the new secret.");
        }
        if (!runs.markFileDelivered(run.id())) {
            return Optional.empty();
        }
        journal.record(run, RotationStep.STAGE, RotationJournal.OK, actor,
                "The proxy configuration file with " + run.newAccessKeyId() + " was downloaded ("
                        + ProxyConfigurationFile.fileName(run) + "); it cannot be downloaded again.",
                RotationAuditAction.CREDENTIAL_ROTATION_FILE_DOWNLOADED);
        return Optional.of(ProxyConfigurationFile.of(run, secret.get()));
    }

    /** The name the proxy configuration file is offered under. */
    public String configurationFileName(RotationRun run) {
        return ProxyConfigurationFile.fileName(run);
    }

    /**
     * Step 2 done: the operator installed the new credential on the proxy; step 3 begins.
     */
    public void confirmInstalled(RotationRun run, String actor) {
        if (run.generated() && !run.fileDelivered()) {
            throw new RotationRefusedException("Download the proxy configuration file first: it is the only place "
                    + "the new secret is given out.");
        }
        Instant now = clock.instant();
        if (!runs.move(run.id(), Set.of(RotationStatus.AWAITING_INSTALL), RotationStatus.PROVING,
                columns(Column.INSTALLED_AT, now, Column.PROVE_DEADLINE, now.plus(properties.proveDeadline())), now)) {
            throw new RotationRefusedException("The rotation is no longer waiting for the proxy.");
        }
        journal.record(run, RotationStep.STAGE, RotationJournal.OK, actor,
                "The operator installed " + run.newAccessKeyId() + " on the proxy as a second credential. The console "
                        + "now calls GetHealthStatus with it until the proxy accepts it (at most "
                        + properties.proveDeadlineText() + ").",
                RotationAuditAction.CREDENTIAL_ROTATION_INSTALLED);
        runner.kick(run.id());
    }

    /**
     * Cancels a run before UpdateCustomKeyStore was sent.
     * @throws RotationRefusedException the update may have reached KMS, or the run ended
     */
    public void cancel(RotationRun run, String actor) {
        Instant now = clock.instant();
        if (run.kmsMayHaveMoved() || !runs.cancel(run.id(), CANCELLABLE, now)) {
            throw new RotationRefusedException("The rotation can no longer be cancelled: "
                    + (run.status().ended() ? "it has ended." : "the update was sent to KMS. It completes, or stops "
                            + "with both credentials active on the proxy."));
        }
        secrets.forget(run.id());
        journal.record(run, run.currentStep(), RotationJournal.OK, actor,
                "Cancelled. " + "Nothing was changed at KMS: it still uses " + run.oldAccessKeyId() + "."
                        + (run.installedAt() == null ? "" : " Remove " + run.newAccessKeyId() + " from the proxy."),
                RotationAuditAction.CREDENTIAL_ROTATION_CANCELLED);
    }

    /** After a failed check during the soak: watch the store again for a whole soak. */
    public void watchAgain(RotationRun run, String actor) {
        Instant now = clock.instant();
        if (!runs.move(run.id(), Set.of(RotationStatus.NEEDS_ATTENTION), RotationStatus.SOAKING,
                columns(Column.SOAK_UNTIL, now.plus(properties.soak()), Column.LAST_CHECK, null), now)) {
            throw new RotationRefusedException("The rotation is not waiting for attention.");
        }
        journal.record(run, RotationStep.SOAK, RotationJournal.OK, actor,
                "Watching the key store again for " + properties.soakText() + ".",
                RotationAuditAction.CREDENTIAL_ROTATION_WATCH_AGAIN);
        runner.kick(run.id());
    }

    /** Ends a run after the update without retiring the old credential. */
    public void leaveBothActive(RotationRun run, String actor) {
        Instant now = clock.instant();
        String text = "Stopped by the operator. KMS uses " + run.newAccessKeyId() + "; the proxy still accepts "
                + run.oldAccessKeyId() + " as well. Remove it from the proxy once KMS works with the new one, "
                + "or rotate again.";
        if (!runs.move(run.id(), Set.of(RotationStatus.NEEDS_ATTENTION, RotationStatus.AWAITING_RETIREMENT),
                RotationStatus.LEFT_BOTH_ACTIVE, columns(Column.OUTCOME, text, Column.FINISHED_AT, now), now)) {
            throw new RotationRefusedException("Only a rotation past the update can be stopped this way.");
        }
        secrets.forget(run.id());
        journal.record(run, run.currentStep(), RotationJournal.OK, actor, text,
                RotationAuditAction.CREDENTIAL_ROTATION_LEFT_BOTH_ACTIVE);
    }

    /**
     * The new secret again, after a restart lost it: it must be the one the run started
     * with (its keyed fingerprint).
     */
    public void provideSecret(RotationRun run, String actor, Secret secret) {
        if (run.status() != RotationStatus.NEEDS_SECRET) {
            throw new RotationRefusedException("The rotation does not need the secret.");
        }
        var given = audit.secretReplaced(SECRET_PARAMETER, secret.reveal()).fingerprint();
        if (!run.secretFingerprint().equals(given)) {
            throw new RotationRefusedException("secret",
                    "This is not the secret access key of " + run.newAccessKeyId() + ".");
        }
        var resume = run.updatedAtKms() != null ? RotationStatus.SOAKING
                : run.updateStarted() ? RotationStatus.UPDATING : RotationStatus.PROVING;
        secrets.holdAgain(run.id(), secret);
        if (!runs.move(run.id(), Set.of(RotationStatus.NEEDS_SECRET), resume, columns(Column.LAST_CHECK, null),
                clock.instant())) {
            throw new RotationRefusedException("The rotation does not need the secret.");
        }
        journal.record(run, run.currentStep(), RotationJournal.OK, actor,
                "The secret of " + run.newAccessKeyId() + " was given again; the rotation goes on.",
                RotationAuditAction.CREDENTIAL_ROTATION_SECRET_GIVEN);
        runner.kick(run.id());
    }

    /**
     * Step 6: the operator removed the old credential from the proxy. The console first
     * checks the proxy still accepts the new one (KMS uses it), then, when it knows the
     * old secret (it is the monitoring credential, or typed now for this check only),
     * proves the proxy refuses the old one (HTTP 401).
     * @param oldSecret the old secret access key, used for this one call and never kept
     * @param withoutProof the operator accepts completing without the proof (the old
     * secret is not known)
     * @throws RotationRefusedException the run does not wait for this, the new credential
     * fails, or the proxy still accepts the old one
     */
    public RotationRun confirmRetired(RotationRun run, String actor, @Nullable Secret oldSecret, boolean withoutProof) {
        if (run.status() != RotationStatus.AWAITING_RETIREMENT) {
            throw new RotationRefusedException("The rotation is not waiting for the old credential's removal.");
        }
        var newSecret = secrets.find(run)
            .orElseThrow(() -> new RotationRefusedException("The console no longer holds the new secret."));
        var current = checks.check(run, run.newAccessKeyId(), newSecret);
        if (!current.passed()) {
            refuseRetirement(run, actor, null,
                    "Stop: the proxy does not accept the NEW credential " + run.newAccessKeyId() + ", which KMS uses ("
                            + current.summary() + "). If you removed it, add it back now.");
        }
        Secret old = oldSecret != null ? oldSecret : monitoringSecretOf(run);
        String refusal;
        String detail;
        if (old != null) {
            var result = checks.check(run, run.oldAccessKeyId(), old);
            if (result.passed()) {
                refuseRetirement(run, actor, null, "The proxy still accepts " + run.oldAccessKeyId()
                        + ": remove it from the proxy's configuration, then confirm again.");
            }
            if (!ProxyChecks.refused(result)) {
                refuseRetirement(run, actor, "oldSecret", "The console could not prove that the proxy refuses "
                        + run.oldAccessKeyId() + ": " + result.summary() + " Try again.");
            }
            refusal = PROVEN_REFUSED;
            detail = "The proxy refuses " + run.oldAccessKeyId() + " (HTTP 401, proven) and accepts "
                    + run.newAccessKeyId() + ".";
        }
        else if (withoutProof) {
            refusal = NOT_CHECKED;
            detail = "The operator removed " + run.oldAccessKeyId() + " from the proxy. The console did not check it: "
                    + "it does not know that credential's secret. The proxy accepts " + run.newAccessKeyId() + ".";
        }
        else {
            throw new RotationRefusedException("oldSecret", "The console does not know the old secret: type it for "
                    + "the check, or confirm that you go on without it.");
        }
        Instant now = clock.instant();
        String outcome = "Rotation complete. KMS uses " + run.newAccessKeyId() + ". " + detail;
        if (!runs.move(run.id(), Set.of(RotationStatus.AWAITING_RETIREMENT), RotationStatus.COMPLETED,
                columns(Column.RETIRED_AT, now, Column.OLD_REFUSAL, refusal, Column.OUTCOME, outcome,
                        Column.FINISHED_AT, now),
                now)) {
            throw new RotationRefusedException("The rotation is not waiting for the old credential's removal.");
        }
        secrets.forget(run.id());
        journal.record(run, RotationStep.RETIRE_OLD, RotationJournal.OK, actor, detail,
                RotationAuditAction.CREDENTIAL_ROTATION_COMPLETED);
        return runs.find(run.id()).orElseThrow();
    }

    private void refuseRetirement(RotationRun run, String actor, @Nullable String field, String why) {
        journal.record(run, RotationStep.RETIRE_OLD, RotationJournal.FAILED, actor, why,
                RotationAuditAction.CREDENTIAL_ROTATION_RETIRE_REFUSED);
        throw new RotationRefusedException(field, why);
    }

    /** The old secret when the monitoring credential is the old credential. */
    private @Nullable Secret monitoringSecretOf(RotationRun run) {
        try {
            return monitoring.find(run.store())
                .filter(credential -> credential.accessKeyId().equals(run.oldAccessKeyId()))
                .map(credential -> credential.secretAccessKey())
                .orElse(null);
        }
        catch (CredentialUnreadableException | IllegalStateException unreadable) {
            // Unreadable, or no key-encryption key: the operator may type the old secret.
            return null;
        }
    }

    /**
     * Whether the console knows the old credential's secret (the monitoring credential).
     */
    public boolean knowsOldSecret(RotationRun run) {
        return monitoring.stored(run.store())
            .filter(stored -> stored.accessKeyId().equals(run.oldAccessKeyId()))
            .isPresent();
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

}
