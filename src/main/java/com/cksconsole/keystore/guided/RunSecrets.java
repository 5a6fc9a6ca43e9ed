package com.cksconsole.keystore.guided;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.cksconsole.keystore.Secret;

/**
 * The secrets guided changes need for their update step (a new KeyStorePassword or XKS
 * secret access key), held in this instance's memory only, for the run's lifetime: never
 * in the database, never logged. Dropped as soon as the update step has sent them, or
 * when the run ends. After a restart they are gone, and a run that still needs one stops
 * at "needs the secret again".
 */
@Component
class RunSecrets {

    private final Map<String, Secret> byRun = new ConcurrentHashMap<>();

    void keep(String runId, Secret secret) {
        byRun.put(runId, secret);
    }

    Optional<Secret> get(String runId) {
        return Optional.ofNullable(byRun.get(runId));
    }

    void forget(String runId) {
        byRun.remove(runId);
    }

    @Override
    public String toString() {
        return "RunSecrets[" + byRun.size() + " held]";
    }

}
