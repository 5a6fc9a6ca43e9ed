package com.cksconsole.rotation;

import static com.cksconsole.rotation.RotationRepository.columns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.cksconsole.keystore.ChangeNotSentException;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.KeyStoreChangedException;
import com.cksconsole.keystore.KeyStoreChanges;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KeyStoreUpdateFailedException;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.PreflightClearance;
import com.cksconsole.keystore.PreflightRequiredException;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.UpdateCommand;
import com.cksconsole.keystore.UpdateNotAllowedException;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksCredential;
import com.cksconsole.keystore.XksProxySettings;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.rotation.RotationRepository.Column;
import com.cksconsole.xks.XksFailureKind;

/**
 * Moves a rotation on by one check per call, from what the database and KMS say now (so
 * any instance can pick a run up after a restart): step 3 proves the proxy accepts the
 * new credential, step 4 sends UpdateCustomKeyStore, step 5 watches the store. Every
 * status change is a conditional update ({@link RotationRepository#move}): an operator's
 * cancel and the engine never both win.
 */
class RotationEngine {

    private static final Logger log = LoggerFactory.getLogger(RotationEngine.class);

    static final String NOTHING_CHANGED = "Nothing was changed at KMS: it still uses %s. The proxy may now accept both "
            + "credentials: remove %s from it unless you start again.";

    /** The start of a soak check's note after one late answer of the proxy. */
    static final String SLOW_ONCE = "The proxy answered late once";

    private final RotationRepository runs;

    private final HeldSecrets secrets;

    private final ProxyChecks checks;

    private final KeyStoreReads reads;

    private final KeyStoreChanges changes;

    private final RotationJournal journal;

    private final RotationProperties properties;

    private final Clock clock;

    RotationEngine(RotationRepository runs, HeldSecrets secrets, ProxyChecks checks, KeyStoreReads reads,
            KeyStoreChanges changes, RotationJournal journal, RotationProperties properties, Clock clock) {
        this.runs = runs;
        this.secrets = secrets;
        this.checks = checks;
        this.reads = reads;
        this.changes = changes;
        this.journal = journal;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Does the next check of a run.
     * @return when to call again; empty when the run waits for its operator or has ended
     */
    Optional<Duration> advance(String runId) {
        var found = runs.find(runId);
        if (found.isEmpty() || !found.get().status().driven()) {
            return Optional.empty();
        }
        var run = found.get();
        return OnBehalfOf.operator(run.startedBy(), () -> {
            var secret = secrets.find(run);
            if (secret.isEmpty()) {
                return needSecret(run);
            }
            return switch (run.status()) {
                case PROVING -> prove(run, secret.get());
                case UPDATING -> update(run, secret.get());
                case SOAKING -> soak(run, secret.get());
                default -> Optional.<Duration>empty();
            };
        });
    }

    private Optional<Duration> prove(RotationRun run, Secret secret) {
        Instant now = clock.instant();
        if (run.proveDeadline() != null && now.isAfter(run.proveDeadline())) {
            fail(run, RotationStep.PROVE,
                    "The proxy did not accept the new credential " + run.newAccessKeyId() + " by " + run.proveDeadline()
                            + " (last answer: " + Objects.toString(run.lastCheck(), "none") + "). "
                            + NOTHING_CHANGED.formatted(run.oldAccessKeyId(), run.newAccessKeyId()));
            return Optional.empty();
        }
        var result = checks.check(run, run.newAccessKeyId(), secret);
        if (result.passed()) {
            if (runs.move(run.id(), Set.of(RotationStatus.PROVING), RotationStatus.UPDATING,
                    columns(Column.PROVED_AT, now, Column.LAST_CHECK, result.summary()), now)) {
                journal.record(run, RotationStep.PROVE, RotationJournal.OK, null,
                        "The proxy accepts " + run.newAccessKeyId() + ": " + result.summary(),
                        RotationAuditAction.CREDENTIAL_ROTATION_PROVED);
            }
            return Optional.of(Duration.ZERO);
        }
        waiting(run, RotationStep.PROVE, "Not yet at " + now + ": " + result.summary());
        return Optional.of(properties.pollInterval());
    }

    private Optional<Duration> update(RotationRun run, Secret secret) {
        CustomKeyStore store;
        try {
            store = reads.describeNow(run.store());
        }
        catch (KeyStoreNotFoundException gone) {
            fail(run, RotationStep.UPDATE_KMS, "The key store no longer exists in KMS.");
            return Optional.empty();
        }
        catch (KmsCallException notNow) {
            waiting(run, RotationStep.UPDATE_KMS,
                    "KMS could not be asked (" + notNow.failure().kind() + "); the console tries again.");
            return Optional.of(properties.pollInterval());
        }
        var current = store.xks().orElse(XksProxySettings.NONE);
        if (run.newAccessKeyId().equals(current.accessKeyId())) {
            // The update reached KMS before this instance took the run over.
            updated(run);
            return Optional.of(Duration.ZERO);
        }
        if (!store.settingsFingerprint().equals(run.settingsFingerprint())) {
            fail(run, RotationStep.UPDATE_KMS,
                    "The key store's settings changed since the rotation started "
                            + "(someone edited it): the update was not sent. " + NOTHING_CHANGED.formatted(
                                    Objects.toString(current.accessKeyId(), "its credential"), run.newAccessKeyId()));
            return Optional.empty();
        }
        var proof = checks.check(run, run.newAccessKeyId(), secret);
        if (!proof.passed()) {
            // The proxy stopped accepting it since step 3: nothing sent, back to proving.
            Instant now = clock.instant();
            if (runs.move(run.id(), Set.of(RotationStatus.UPDATING), RotationStatus.PROVING,
                    columns(Column.UPDATE_STARTED, false, Column.LAST_CHECK, proof.summary()), now)) {
                journal.record(run, RotationStep.PROVE, RotationJournal.WAITING, null,
                        "Right before the update the proxy no longer accepted the new credential (" + proof.summary()
                                + "); the update was not sent and the console proves it again.",
                        RotationAuditAction.CREDENTIAL_ROTATION_WAITING);
            }
            return Optional.of(properties.pollInterval());
        }
        if (!runs.note(run.id(), RotationStatus.UPDATING, columns(Column.UPDATE_STARTED, true), clock.instant())) {
            return Optional.empty(); // cancelled meanwhile
        }
        var change = new XksChange(null, null, null, null, null, null, new XksCredential(run.newAccessKeyId(), secret));
        try {
            changes.apply(new UpdateCommand(run.store(), store, change,
                    "Credential rotation " + run.id() + (run.reason() == null ? "" : ": " + run.reason()),
                    run.startedBy(), null, new PreflightClearance(proof, null)));
        }
        catch (KeyStoreUpdateFailedException refused) {
            // An answer from KMS refusing the change is final; no answer (a timeout, the
            // network) or a KMS internal error leaves the outcome open: the next check
            // describes the store and sends again only if KMS does not use the new
            // credential.
            var kind = refused.failure().kind();
            boolean kmsAnswered = kind == KmsFailureKind.REFUSED || kind == KmsFailureKind.CREDENTIALS_REFUSED;
            // KMS could not reach the proxy (KMS API Reference,
            // XksProxyUriUnreachableException); its message for a proxy that did not
            // answer in time asks to retry the request. Nothing changed, so the update is
            // tried again (after a fresh check of the proxy) until step 3's deadline.
            boolean retryable = refused.failure().is("XksProxyUriUnreachableException")
                    && (run.proveDeadline() == null || clock.instant().isBefore(run.proveDeadline()));
            if (retryable) {
                runs.note(run.id(), RotationStatus.UPDATING, columns(Column.UPDATE_STARTED, false), clock.instant());
                waiting(run, RotationStep.UPDATE_KMS, "KMS's health check of the proxy did not get an answer in "
                        + "time (XksProxyUriUnreachableException); nothing changed, the console tries again.");
                return Optional.of(properties.pollInterval());
            }
            if (!kmsAnswered && !refused.confirmedUnchanged()) {
                waiting(run, RotationStep.UPDATE_KMS, "KMS did not confirm the update (" + refused.failure().errorCode()
                        + "); the console describes the store again.");
                return Optional.of(properties.pollInterval());
            }
            fail(run, RotationStep.UPDATE_KMS, "KMS refused the update with " + refused.failure().errorCode() + ". "
                    + NOTHING_CHANGED.formatted(run.oldAccessKeyId(), run.newAccessKeyId()));
            return Optional.empty();
        }
        catch (KeyStoreBusyException busy) {
            runs.note(run.id(), RotationStatus.UPDATING, columns(Column.UPDATE_STARTED, false), clock.instant());
            waiting(run, RotationStep.UPDATE_KMS,
                    "Another change holds the key store; the update waits for it to end (nothing sent).");
            return Optional.of(properties.pollInterval());
        }
        catch (KeyStoreChangedException | UpdateNotAllowedException | PreflightRequiredException
                | ChangeNotSentException notSent) {
            fail(run, RotationStep.UPDATE_KMS, "The console did not send the update: " + notSentReason(notSent) + " "
                    + NOTHING_CHANGED.formatted(run.oldAccessKeyId(), run.newAccessKeyId()));
            return Optional.empty();
        }
        catch (KeyStoreNotFoundException gone) {
            fail(run, RotationStep.UPDATE_KMS, "The key store no longer exists in KMS.");
            return Optional.empty();
        }
        catch (KmsCallException notNow) {
            waiting(run, RotationStep.UPDATE_KMS, "KMS could not be asked (" + notNow.failure().kind()
                    + "); the console describes the store again and goes on.");
            return Optional.of(properties.pollInterval());
        }
        updated(run);
        return Optional.of(Duration.ZERO);
    }

    private static String notSentReason(RuntimeException notSent) {
        if (notSent instanceof KeyStoreChangedException) {
            return "the key store changed since it was read.";
        }
        if (notSent instanceof UpdateNotAllowedException) {
            return "its connection state does not allow the change now (" + notSent.getMessage() + ").";
        }
        if (notSent instanceof ChangeNotSentException) {
            return "the console's database could not record the change.";
        }
        return "the XKS pre-flight check was missing.";
    }

    private void updated(RotationRun run) {
        Instant now = clock.instant();
        if (runs.move(run.id(), Set.of(RotationStatus.UPDATING), RotationStatus.SOAKING,
                columns(Column.UPDATE_STARTED, true, Column.UPDATED_AT_KMS, now, Column.SOAK_UNTIL,
                        now.plus(properties.soak()), Column.LAST_CHECK, null),
                now)) {
            journal.record(run, RotationStep.UPDATE_KMS, RotationJournal.OK, null,
                    "KMS now uses " + run.newAccessKeyId() + " (UpdateCustomKeyStore succeeded). From here the "
                            + "rotation cannot be cancelled: it completes, or stops with both credentials active.",
                    RotationAuditAction.CREDENTIAL_ROTATION_KMS_UPDATED);
            log.info("Credential rotation {} of {}: KMS uses the new credential", run.id(), run.storeId());
        }
    }

    private Optional<Duration> soak(RotationRun run, Secret secret) {
        List<String> problems = new ArrayList<>();
        try {
            var store = reads.describeNow(run.store());
            var current = store.xks().orElse(XksProxySettings.NONE);
            if (!run.newAccessKeyId().equals(current.accessKeyId())) {
                problems.add("KMS no longer uses " + run.newAccessKeyId() + " but "
                        + Objects.toString(current.accessKeyId(), "no credential")
                        + ": someone changed the credential during the rotation.");
            }
            if (ConnectionState.CONNECTED.name().equals(run.stateAtStart())
                    && store.connectionState() != ConnectionState.CONNECTED) {
                problems.add("The key store is " + store.connectionState()
                        + (store.connectionErrorCode() == null ? "" : " (" + store.connectionErrorCode() + ")")
                        + ", not CONNECTED as when the rotation started.");
            }
        }
        catch (KeyStoreNotFoundException gone) {
            problems.add("The key store no longer exists in KMS.");
        }
        catch (KmsCallException notNow) {
            // Not the store's fault: the next check asks again.
            waiting(run, RotationStep.SOAK, "KMS could not be asked (" + notNow.failure().kind() + ").");
            return Optional.of(properties.soakCheckInterval());
        }
        var proof = checks.check(run, run.newAccessKeyId(), secret);
        Instant now = clock.instant();
        if (!proof.passed()) {
            boolean slowOnce = proof.failure() == XksFailureKind.TIMED_OUT
                    && (run.lastCheck() == null || !run.lastCheck().startsWith(SLOW_ONCE));
            if (slowOnce && problems.isEmpty()) {
                // One late answer is not yet a failure (KMS itself retries); two in a row
                // are.
                runs.note(run.id(), RotationStatus.SOAKING, columns(Column.LAST_CHECK,
                        SLOW_ONCE + " at " + now + ": " + proof.summary() + " The console checks again."), now);
                return Optional.of(properties.soakCheckInterval());
            }
            problems.add("GetHealthStatus with the new credential failed: " + proof.summary());
        }
        if (!problems.isEmpty()) {
            String text = String.join(" ", problems) + " KMS uses " + run.newAccessKeyId()
                    + ": keep both credentials on the proxy, do not remove " + run.oldAccessKeyId()
                    + ". Fix what is said here, then watch again.";
            if (runs.move(run.id(), Set.of(RotationStatus.SOAKING), RotationStatus.NEEDS_ATTENTION,
                    columns(Column.LAST_CHECK, text), now)) {
                journal.record(run, RotationStep.SOAK, RotationJournal.FAILED, null, text,
                        RotationAuditAction.CREDENTIAL_ROTATION_SOAK_FAILED);
            }
            return Optional.empty();
        }
        var soakUntil = Objects.requireNonNull(run.soakUntil(), "a soaking run has its end");
        if (!now.isBefore(soakUntil)) {
            if (runs.move(run.id(), Set.of(RotationStatus.SOAKING), RotationStatus.AWAITING_RETIREMENT,
                    columns(Column.LAST_CHECK, "All checks passed at " + now + "."), now)) {
                journal.record(run, RotationStep.SOAK, RotationJournal.OK, null,
                        "KMS has used " + run.newAccessKeyId() + " for " + properties.soakText()
                                + " without a failure. Remove " + run.oldAccessKeyId() + " from the proxy now.",
                        RotationAuditAction.CREDENTIAL_ROTATION_SOAK_PASSED);
            }
            return Optional.empty();
        }
        runs.note(run.id(), RotationStatus.SOAKING, columns(Column.LAST_CHECK, "All checks passed at " + now
                + ": the store is " + "as expected and the proxy accepts the new credential."), now);
        var left = Duration.between(now, soakUntil);
        return Optional.of(left.compareTo(properties.soakCheckInterval()) < 0 ? left : properties.soakCheckInterval());
    }

    private Optional<Duration> needSecret(RotationRun run) {
        String text = "The new secret was held only in the memory of the console instance that started the "
                + "rotation, which has restarted since: type the secret of " + run.newAccessKeyId() + " again.";
        if (runs.move(run.id(), Set.of(run.status()), RotationStatus.NEEDS_SECRET, columns(Column.LAST_CHECK, text),
                clock.instant())) {
            journal.record(run, run.currentStep(), RotationJournal.WAITING, null, text,
                    RotationAuditAction.CREDENTIAL_ROTATION_NEEDS_SECRET);
        }
        return Optional.empty();
    }

    /** Notes a check that did not pass yet; a timeline row only when the text changes. */
    private void waiting(RotationRun run, RotationStep step, String text) {
        String comparable = text.replaceFirst("^Not yet at [^:]*: ", "");
        String before = run.lastCheck() == null ? "" : run.lastCheck().replaceFirst("^Not yet at [^:]*: ", "");
        runs.note(run.id(), run.status(), columns(Column.LAST_CHECK, text), clock.instant());
        if (!comparable.equals(before)) {
            journal.record(run, step, RotationJournal.WAITING, null, comparable,
                    RotationAuditAction.CREDENTIAL_ROTATION_WAITING);
        }
    }

    private void fail(RotationRun run, RotationStep step, String text) {
        Instant now = clock.instant();
        if (runs.move(run.id(), Set.of(run.status()), RotationStatus.FAILED,
                columns(Column.OUTCOME, text, Column.FINISHED_AT, now), now)) {
            secrets.forget(run.id());
            journal.record(run, step, RotationJournal.FAILED, null, text,
                    RotationAuditAction.CREDENTIAL_ROTATION_FAILED);
            log.info("Credential rotation {} of {} failed at {}", run.id(), run.storeId(), step);
        }
    }

}
