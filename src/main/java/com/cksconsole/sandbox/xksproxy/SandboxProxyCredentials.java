package com.cksconsole.sandbox.xksproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;
import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Registration;

/**
 * The credentials the sandbox proxy accepts on each prefix right now: the configured
 * registrations, minus those removed at run time, plus those added at run time. The XKS
 * proxy API specification asks proxies to accept several credentials per prefix so that a
 * credential can be rotated without downtime (add the new one, move KMS to it, remove the
 * old one); this is that, for the sandbox and its tests. One instance's memory only, like
 * {@link SandboxProxyBehaviours}. Secrets are never logged.
 */
@Component
@ConditionalOnSandboxMode
public class SandboxProxyCredentials {

    private static final Logger log = LoggerFactory.getLogger(SandboxProxyCredentials.class);

    private final XksProxyRegistry registry;

    /** Added at run time: prefix -> access key ID -> secret. */
    private final Map<String, Map<String, String>> added = new ConcurrentHashMap<>();

    /** Configured ones removed at run time: prefix -> access key IDs. */
    private final Map<String, Set<String>> removed = new ConcurrentHashMap<>();

    SandboxProxyCredentials(XksProxyRegistry registry) {
        this.registry = registry;
    }

    /**
     * Accepts this credential on the prefix from now on, besides the others.
     * @throws IllegalArgumentException the prefix is not served, the values are not well
     * formed, or the access key ID is known with another secret (the specification: an
     * access key ID identifies its secret without ambiguity)
     */
    public synchronized void add(String prefix, String accessKeyId, String secretAccessKey) {
        requireServed(prefix);
        if (!XksProxyRegistry.ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
            throw new IllegalArgumentException("The access key ID must be 20-30 characters A-Z, 2-7");
        }
        if (!XksProxyRegistry.SECRET.matcher(secretAccessKey).matches()) {
            throw new IllegalArgumentException("The secret must be 43-64 characters a-z A-Z 0-9 / + =");
        }
        Optional<String> known = secretOf(accessKeyId);
        if (known.isPresent() && !known.get().equals(secretAccessKey)) {
            throw new IllegalArgumentException("The access key ID " + accessKeyId + " is known with another secret");
        }
        var retired = removed.get(prefix);
        if (retired != null) {
            retired.remove(accessKeyId);
        }
        boolean configured = registry.forPrefix(prefix)
            .stream()
            .anyMatch(registration -> registration.accessKeyId().equals(accessKeyId));
        if (!configured) {
            added.computeIfAbsent(prefix, key -> new ConcurrentHashMap<>()).put(accessKeyId, secretAccessKey);
        }
        log.info("Sandbox XKS proxy: prefix '{}' now accepts {}", prefix, accessKeyId);
    }

    /**
     * Refuses this credential on the prefix from now on (configured or added).
     * @return whether the prefix accepted it
     * @throws IllegalArgumentException the prefix is not served
     */
    public synchronized boolean remove(String prefix, String accessKeyId) {
        requireServed(prefix);
        boolean wasAccepted = accepted(prefix).stream()
            .anyMatch(registration -> registration.accessKeyId().equals(accessKeyId));
        var ownAdded = added.get(prefix);
        if (ownAdded != null) {
            ownAdded.remove(accessKeyId);
        }
        if (registry.forPrefix(prefix)
            .stream()
            .anyMatch(registration -> registration.accessKeyId().equals(accessKeyId))) {
            removed.computeIfAbsent(prefix, key -> ConcurrentHashMap.newKeySet()).add(accessKeyId);
        }
        if (wasAccepted) {
            log.info("Sandbox XKS proxy: prefix '{}' no longer accepts {}", prefix, accessKeyId);
        }
        return wasAccepted;
    }

    /** The credentials the prefix accepts now; empty if it is not served. */
    public List<Registration> accepted(String prefix) {
        List<Registration> configured = registry.forPrefix(prefix);
        if (configured.isEmpty()) {
            return List.of();
        }
        Set<String> gone = removed.getOrDefault(prefix, Set.of());
        var accepted = new ArrayList<Registration>();
        configured.stream().filter(registration -> !gone.contains(registration.accessKeyId())).forEach(accepted::add);
        added.getOrDefault(prefix, Map.of())
            .forEach((accessKeyId, secret) -> accepted
                .add(new Registration(prefix, accessKeyId, secret, configured.get(0).behaviour(), Map.of())));
        return List.copyOf(accepted);
    }

    private Optional<String> secretOf(String accessKeyId) {
        return registry.secretOf(accessKeyId)
            .or(() -> added.values()
                .stream()
                .map(byId -> byId.get(accessKeyId))
                .filter(secret -> secret != null)
                .findFirst());
    }

    private void requireServed(String prefix) {
        if (registry.forPrefix(prefix).isEmpty()) {
            throw new IllegalArgumentException("The sandbox proxy serves no prefix '" + prefix + "'");
        }
    }

}
