package com.cksconsole.keystore.guided;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.SecretSealing;

/**
 * The secrets guided changes need for their update step (a new KeyStorePassword or XKS
 * secret access key), held for the run until its update has sent them, never logged and
 * never stored readable:
 * <ul>
 * <li><b>sealed in the run's row</b> when a key-encryption key is configured
 * ({@link SecretSealing}: the monitoring credentials' envelope encryption, bound to
 * {@link #PURPOSE}, the run and its store), so that whichever instance takes the run over
 * sends the update without asking for the secret again;</li>
 * <li><b>in this instance's memory</b> otherwise (or when sealing fails): after a
 * restart, or on another instance, a run that still needs it stops at "needs the secret
 * again" ({@link GivenSecretCheck}).</li>
 * </ul>
 * Both are erased as soon as the update step has sent the secret, on a cancel, and when
 * the run ends (docs/operating.md, "Restarts and secrets").
 */
@Component
class RunSecrets {

    /**
     * What a sealed secret is for (part of its additional authenticated data): never
     * opened for anything else, such as a credential rotation's held secret.
     */
    static final String PURPOSE = "guided-change/update-secret";

    private static final Logger log = LoggerFactory.getLogger(RunSecrets.class);

    private final SecretSealing sealing;

    private final GuidedRunRepository runs;

    private final Map<String, Secret> inMemory = new ConcurrentHashMap<>();

    /** Sealing when the health module provides it (it always does in the application). */
    @Autowired
    RunSecrets(ObjectProvider<SecretSealing> sealing, GuidedRunRepository runs) {
        this(sealing.getIfAvailable(() -> SecretSealing.NONE), runs);
    }

    RunSecrets(SecretSealing sealing, GuidedRunRepository runs) {
        this.sealing = sealing;
        this.runs = runs;
    }

    /**
     * The sealed form of a run's secret, for its row; null when it cannot be sealed here
     * (no key-encryption key, or the key could not be used): then hold it with
     * {@link #keep}.
     */
    SecretSealing.@Nullable Sealed seal(GuidedRun run, Secret secret) {
        if (!sealing.available()) {
            return null;
        }
        try {
            return sealing.seal(PURPOSE, binding(run), secret);
        }
        catch (RuntimeException e) {
            // A KMS key-encryption key KMS would not use now, say: memory only,
            // as without one (the class only: a message could quote input).
            log.warn("Guided change {}: its secret could not be sealed ({}); held in this instance's memory only",
                    run.id(), e.getClass().getSimpleName());
            return null;
        }
    }

    /** Holds a run's secret in this instance's memory (it could not be sealed). */
    void keep(String runId, Secret secret) {
        inMemory.put(runId, secret);
    }

    /**
     * The run's secret: from this instance's memory, or opened from the run's row; empty
     * when neither holds it (held in another instance's memory, or in this one's before a
     * restart) or the sealed value does not open here.
     */
    Optional<Secret> find(GuidedRun run) {
        var held = inMemory.get(run.id());
        if (held != null) {
            return Optional.of(held);
        }
        return runs.sealed(run.id()).flatMap(sealed -> sealing.open(PURPOSE, binding(run), sealed));
    }

    /** The secret this instance holds in memory for the run, if any. */
    Optional<Secret> get(String runId) {
        return Optional.ofNullable(inMemory.get(runId));
    }

    /**
     * Erases the run's secret everywhere it is held: memory and the run's row (its update
     * has sent it, or the run was cancelled before its update).
     */
    void forget(String runId) {
        inMemory.remove(runId);
        try {
            runs.eraseSealed(runId);
        }
        catch (RuntimeException e) {
            // The database failed for a moment: the update that ends the run
            // erases it. Not thrown, so that an update KMS accepted is recorded
            // as sent, never sent again.
            log.warn("Guided change {}: its sealed secret could not be erased now ({}); it is when the run ends", runId,
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Drops the run's secret from this instance's memory only (the row was erased with
     * the change that ended the run, or belongs to another request).
     */
    void dropFromMemory(String runId) {
        inMemory.remove(runId);
    }

    /**
     * The values a sealed secret is bound to: the run and its store (account, Region, key
     * store ID), so that a value copied onto another run or store does not open.
     */
    static List<String> binding(GuidedRun run) {
        var store = run.store();
        return List.of(run.id(), String.valueOf(store.target().accountId()), store.target().region(),
                store.keyStoreId());
    }

    @Override
    public String toString() {
        return "RunSecrets[" + inMemory.size() + " held in memory, sealing " + sealing + "]";
    }

}
