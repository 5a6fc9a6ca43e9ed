package com.cksconsole.sandbox.xksproxy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;
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

    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z2-7]{20,30}");

    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9/+=]{43,64}");

    private final Map<String, List<Registration>> byPrefix;

    XksProxyRegistry(SandboxXksProxyProperties properties) {
        var all = new ArrayList<>(properties.registrations());
        all.addAll(properties.additionalRegistrations());
        this.byPrefix = validated(all);
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

}
