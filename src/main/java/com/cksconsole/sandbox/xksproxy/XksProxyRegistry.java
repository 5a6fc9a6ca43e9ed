package com.cksconsole.sandbox.xksproxy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;
import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.ExternalKey;
import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Registration;

/**
 * The sandbox proxy's registrations by path prefix, checked once at start-up so that a
 * bad entry fails fast instead of turning into puzzling 401s. Error messages name the
 * prefix, never a credential.
 */
@Component
@ConditionalOnSandboxMode
class XksProxyRegistry {

    static final String API_PATH = "/kms/xks/v1";

    private static final int MAX_URI_PATH_LENGTH = 128;

    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9_-]+)*");

    static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z2-7]{20,30}");

    static final Pattern SECRET = Pattern.compile("[A-Za-z0-9/+=]{43,64}");

    /** XKS proxy API specification, "API operations": externalKeyId. */
    private static final Pattern EXTERNAL_KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private static final Pattern KEY_SPEC = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    private static final Set<String> KEY_USAGES = Set.of("ENCRYPT", "DECRYPT", "SIGN", "VERIFY", "WRAP", "UNWRAP",
            "DERIVE");

    private static final Set<String> KEY_STATUSES = Set.of("ENABLED", "DISABLED");

    private static final int MAX_KEY_USAGES = 10;

    private final Map<String, List<Registration>> byPrefix;

    private final Map<String, Map<String, ExternalKey>> keysByPrefix;

    XksProxyRegistry(SandboxXksProxyProperties properties) {
        var all = new ArrayList<>(properties.registrations());
        all.addAll(properties.additionalRegistrations());
        this.byPrefix = validated(all);
        this.keysByPrefix = externalKeys(all);
        if (!keysByPrefix.isEmpty() && properties.keyMaterialSeed().isBlank()) {
            throw new IllegalStateException(
                    "console.sandbox.xks-proxy.key-material-seed must be set when a registration lists external keys");
        }
    }

    /**
     * The external key with this ID behind this prefix, if the proxy's key manager holds
     * it.
     */
    Optional<ExternalKey> externalKey(String prefix, String externalKeyId) {
        return Optional.ofNullable(keysByPrefix.getOrDefault(prefix, Map.of()).get(externalKeyId));
    }

    /** Every external key behind this prefix, by ID. */
    Map<String, ExternalKey> externalKeys(String prefix) {
        return keysByPrefix.getOrDefault(prefix, Map.of());
    }

    /** The configured secret of an access key ID, whichever prefix registers it. */
    Optional<String> secretOf(String accessKeyId) {
        return byPrefix.values()
            .stream()
            .flatMap(List::stream)
            .filter(registration -> registration.accessKeyId().equals(accessKeyId))
            .map(Registration::rawSecretAccessKey)
            .findFirst();
    }

    /** Every prefix the proxy serves, sorted. */
    List<String> prefixes() {
        return byPrefix.keySet().stream().sorted().toList();
    }

    /** The registrations of a prefix; empty if the proxy does not serve it. */
    List<Registration> forPrefix(String prefix) {
        return byPrefix.getOrDefault(prefix, List.of());
    }

    /**
     * How the proxy answers on this prefix, if it serves it (all registrations of a
     * prefix agree).
     */
    Optional<ProxyBehaviour> behaviourOf(String prefix) {
        return forPrefix(prefix).stream().map(Registration::behaviour).findFirst();
    }

    private static Map<String, List<Registration>> validated(List<Registration> registrations) {
        var byPrefix = new HashMap<String, List<Registration>>();
        var secretByKeyId = new HashMap<String, String>();
        for (Registration registration : registrations) {
            String prefix = registration.prefix();
            String where = "console.sandbox.xks-proxy: registration for prefix '" + prefix + "'";
            if (!PREFIX.matcher(prefix).matches() || (prefix + API_PATH).length() > MAX_URI_PATH_LENGTH) {
                throw new IllegalStateException(where + ": the prefix must be empty or /segment[/segment...] "
                        + "of A-Z a-z 0-9 _ - , and prefix + " + API_PATH + " at most 128 characters");
            }
            if (!ACCESS_KEY_ID.matcher(registration.accessKeyId()).matches()) {
                throw new IllegalStateException(where + ": the access key ID must be 20-30 characters A-Z, 2-7");
            }
            if (!SECRET.matcher(registration.rawSecretAccessKey()).matches()) {
                throw new IllegalStateException(where + ": the secret must be 43-64 characters a-z A-Z 0-9 / + =");
            }
            // The spec: an access key ID must identify its secret without ambiguity.
            String known = secretByKeyId.putIfAbsent(registration.accessKeyId(), registration.rawSecretAccessKey());
            if (known != null && !known.equals(registration.rawSecretAccessKey())) {
                throw new IllegalStateException(where + ": its access key ID is registered with another secret");
            }
            List<Registration> same = byPrefix.computeIfAbsent(prefix, key -> new ArrayList<>());
            for (Registration other : same) {
                if (other.accessKeyId().equals(registration.accessKeyId())) {
                    throw new IllegalStateException(where + ": the same access key ID is registered twice");
                }
                if (other.behaviour() != registration.behaviour()) {
                    throw new IllegalStateException(where + ": registrations sharing a prefix need one behaviour");
                }
            }
            same.add(registration);
        }
        var frozen = new HashMap<String, List<Registration>>();
        byPrefix.forEach((prefix, list) -> frozen.put(prefix, List.copyOf(list)));
        return Map.copyOf(frozen);
    }

    /**
     * The external keys of each prefix: the union of what its registrations list; one ID
     * listed twice must be described the same way.
     */
    private static Map<String, Map<String, ExternalKey>> externalKeys(List<Registration> registrations) {
        var byPrefix = new HashMap<String, Map<String, ExternalKey>>();
        for (Registration registration : registrations) {
            String where = "console.sandbox.xks-proxy: registration for prefix '" + registration.prefix() + "'";
            registration.externalKeys().forEach((id, key) -> {
                String what = where + ", external key '" + id + "'";
                if (!EXTERNAL_KEY_ID.matcher(id).matches()) {
                    throw new IllegalStateException(what + ": the ID must be 1-128 characters A-Z a-z 0-9 - . _");
                }
                if (!KEY_SPEC.matcher(key.keySpec()).matches()) {
                    throw new IllegalStateException(what + ": key-spec must be upper case, e.g. AES_256");
                }
                if (key.keyUsage().isEmpty() || key.keyUsage().size() > MAX_KEY_USAGES
                        || !KEY_USAGES.containsAll(key.keyUsage())
                        || new HashSet<>(key.keyUsage()).size() != key.keyUsage().size()) {
                    throw new IllegalStateException(
                            what + ": key-usage must list 1-10 distinct values of " + KEY_USAGES);
                }
                if (!KEY_STATUSES.contains(key.status())) {
                    throw new IllegalStateException(what + ": status must be ENABLED or DISABLED");
                }
                ExternalKey known = byPrefix.computeIfAbsent(registration.prefix(), prefix -> new HashMap<>())
                    .putIfAbsent(id, key);
                if (known != null && !known.equals(key)) {
                    throw new IllegalStateException(what + ": listed twice for this prefix, differently");
                }
            });
        }
        var frozen = new HashMap<String, Map<String, ExternalKey>>();
        byPrefix.forEach((prefix, keys) -> frozen.put(prefix, Map.copyOf(keys)));
        return Map.copyOf(frozen);
    }

}
