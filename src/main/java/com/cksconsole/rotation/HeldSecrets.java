package com.cksconsole.rotation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import com.cksconsole.health.credentials.CredentialUnreadableException;
import com.cksconsole.health.credentials.SealedSecret;
import com.cksconsole.health.credentials.SecretSealer;
import com.cksconsole.keystore.Secret;

/**
 * Where a run's new secret is held until the run ends: sealed in the run's row (envelope
 * encryption under the monitoring credentials' key-encryption key, bound to the run and
 * its access key ID) when a key-encryption key is configured, so that any instance can
 * resume the run; otherwise in this instance's memory only, and asked for again after a
 * restart ({@link RotationStatus#NEEDS_SECRET}).
 */
class HeldSecrets {

    static final String PURPOSE = "credential-rotation/new-secret";

    private final SecretSealer sealer;

    private final RotationRepository runs;

    private final Map<String, Secret> inMemory = new ConcurrentHashMap<>();

    HeldSecrets(SecretSealer sealer, RotationRepository runs) {
        this.sealer = sealer;
        this.runs = runs;
    }

    /**
     * The sealed form of a new run's secret, or null when it is held in memory instead
     * (and then it is held from now on).
     */
    @Nullable SealedSecret hold(String runId, String accessKeyId, Secret secret) {
        if (sealer.available()) {
            return sealer.seal(PURPOSE, List.of(runId, accessKeyId), secret);
        }
        inMemory.put(runId, secret);
        return null;
    }

    /** Holds a secret given again after a restart (memory only: the row has none). */
    void holdAgain(String runId, Secret secret) {
        inMemory.put(runId, secret);
    }

    /**
     * The run's secret; empty when it was held in another instance's memory (or this
     * one's before a restart), or its sealed form cannot be opened.
     */
    Optional<Secret> find(RotationRun run) {
        Secret held = inMemory.get(run.id());
        if (held != null) {
            return Optional.of(held);
        }
        try {
            return runs.sealed(run.id())
                .map(sealed -> sealer.open(PURPOSE, List.of(run.id(), run.newAccessKeyId()), sealed));
        }
        catch (CredentialUnreadableException | IllegalStateException unreadable) {
            return Optional.empty();
        }
    }

    void forget(String runId) {
        inMemory.remove(runId);
    }

}
