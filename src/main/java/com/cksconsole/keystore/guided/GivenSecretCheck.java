package com.cksconsole.keystore.guided;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KeyStoreChanges;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.XksPreflight;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.KmsField;
import com.cksconsole.xks.XksFailureKind;

/**
 * Checks a secret an operator gives again to a guided change that lost it in a restart,
 * before the run goes on with it: a CloudHSM {@code kmsuser} password against KMS's
 * format (the console cannot ask the cluster), an XKS secret access key against its
 * format and then with a pre-flight GetHealthStatus signed with it at the proxy location
 * the store will have ({@link XksPreflight}). The check's result is reported through a
 * {@link com.cksconsole.keystore.KeyStoreActivityRecord} event in the name of the
 * operator who gave the secret.
 *
 * <p>
 * A run that was started although its pre-flight check failed (an operator overrode it,
 * typically for a proxy behind a VPC endpoint service the console cannot reach) goes on
 * after a check that fails for a reason other than the credential: that check says
 * nothing about the secret. A proxy that rejects the credential stops it.
 */
@Component
class GivenSecretCheck {

    private final KeyStoreReads reads;

    private final KeyStoreChanges changes;

    private final XksPreflight preflight;

    GivenSecretCheck(KeyStoreReads reads, KeyStoreChanges changes, XksPreflight preflight) {
        this.reads = reads;
        this.changes = changes;
        this.preflight = preflight;
    }

    /**
     * Why the run must not go on with this secret, as a sentence of the message bundle;
     * empty when it may.
     * @throws com.cksconsole.keystore.KmsCallException KMS could not be asked for the
     * store's current settings
     */
    Optional<Refusal> refusal(GuidedRun run, String actor, Secret secret) {
        boolean cloudHsm = run.storeType() == KeyStoreType.AWS_CLOUDHSM;
        var field = cloudHsm ? KmsField.KEY_STORE_PASSWORD : KmsField.XKS_RAW_SECRET_ACCESS_KEY;
        if (field.violation(secret.reveal()).isPresent()) {
            return Optional.of(new Refusal("InvalidFormat",
                    Sentence.of(cloudHsm ? "guided.secret.invalidPassword" : "guided.secret.invalidSecretAccessKey",
                            String.valueOf(field.min()), String.valueOf(field.max()))));
        }
        if (cloudHsm) {
            return Optional.empty();
        }
        var store = reads.find(run.store()).store();
        var change = run.change().toChange(secret);
        if (preflight.target(store, change).isEmpty()) {
            return Optional.empty(); // KMS reports no proxy location to check against;
                                     // KMS checks on update
        }
        var result = preflight.check(store, change, null);
        changes.recordPreflight(run.store(), actor, run.id(), result);
        if (result.passed()) {
            return Optional.empty();
        }
        if (result.failure() == XksFailureKind.AUTHENTICATION_FAILED) {
            return Optional.of(new Refusal(result.failure().name(), Sentence.of("guided.secret.rejectedByProxy",
                    result.summary(), String.valueOf(run.change().accessKeyId()))));
        }
        if (preflightOverridden(run)) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(result.failure() == null ? "NotRun" : result.failure().name(),
                Sentence.of("guided.secret.notChecked", result.summary())));
    }

    private static boolean preflightOverridden(GuidedRun run) {
        return run.step(StepName.PREFLIGHT).map(step -> step.status() == StepStatus.OVERRIDDEN).orElse(false);
    }

    /**
     * Why a given secret was refused.
     *
     * @param code a short name for the audit log
     * @param message what the run's page says (rendered from the message bundle)
     */
    record Refusal(String code, Sentence message) {
    }

}
