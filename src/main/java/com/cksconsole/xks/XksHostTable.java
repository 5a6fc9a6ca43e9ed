package com.cksconsole.xks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Decides where a GetHealthStatus call for an {@code XksProxyUriEndpoint} really goes:
 * the sandbox's stand-in for DNS and TLS ({@code console.xks.hosts}). Empty means
 * unreachable: no request is sent at all.
 */
final class XksHostTable {

    static final String SELF = "{self}";

    private static final Pattern HOST_NAME = Pattern
        .compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private final Map<String, String> baseUrlByHost;

    private final boolean sandboxMode;

    private final Supplier<@Nullable String> selfPort;

    /**
     * @param hosts host name -> base URL, possibly starting with {@value #SELF}
     * @param sandboxMode whether this application runs in sandbox mode (the built-in
     * proxy exists and nothing outside the table may be called)
     * @param selfPort this application's actual HTTP port, or null while no web server
     * listens
     */
    XksHostTable(Map<String, String> hosts, boolean sandboxMode, Supplier<@Nullable String> selfPort) {
        var table = new HashMap<String, String>();
        hosts.forEach((host, baseUrl) -> table.put(validHost(host), validBaseUrl(host, baseUrl)));
        this.baseUrlByHost = Map.copyOf(table);
        this.sandboxMode = sandboxMode;
        this.selfPort = selfPort;
    }

    /**
     * The base URL (scheme, authority, optional path; no trailing slash) to call for this
     * endpoint host.
     */
    Optional<URI> baseUrlFor(String endpointHost) {
        String host = endpointHost.toLowerCase(Locale.ROOT);
        String configured = baseUrlByHost.get(host);
        if (configured == null) {
            // A sandbox must never leak a request to the outside world; real AWS mode
            // uses real DNS and TLS.
            return sandboxMode ? Optional.empty() : Optional.of(URI.create("https://" + host));
        }
        if (configured.startsWith(SELF)) {
            String port = selfPort.get();
            // The built-in proxy exists only in sandbox mode and only while the web
            // server listens.
            if (!sandboxMode || port == null || port.isBlank()) {
                return Optional.empty();
            }
            configured = "http://127.0.0.1:" + port + configured.substring(SELF.length());
        }
        return Optional.of(URI.create(configured));
    }

    private static String validHost(String host) {
        String normalised = host.toLowerCase(Locale.ROOT);
        if (!HOST_NAME.matcher(normalised).matches()) {
            throw new IllegalStateException("console.xks.hosts: '" + host + "' is not a host name");
        }
        return normalised;
    }

    private static String validBaseUrl(String host, String baseUrl) {
        String trimmed = baseUrl.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String probe = trimmed.startsWith(SELF) ? "http://127.0.0.1:1" + trimmed.substring(SELF.length()) : trimmed;
        try {
            var uri = new URI(probe);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw new IllegalStateException("console.xks.hosts: the base URL of '" + host
                        + "' must be an http(s) URL without query, fragment or user info");
            }
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException("console.xks.hosts: the base URL of '" + host + "' is not a URL", e);
        }
        return trimmed;
    }

}
