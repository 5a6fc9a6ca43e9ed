package com.cksconsole.keystore;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.cksconsole.xks.XksHealthCheckRequest;
import com.cksconsole.xks.XksHealthCheckResult;
import com.cksconsole.xks.XksProperties;
import com.cksconsole.xks.XksProxyClient;
import com.cksconsole.xks.XksProxyCredential;

/**
 * The XKS pre-flight check: before an update that changes an external key store's
 * endpoint, path, connectivity or credential, the console itself calls GetHealthStatus at
 * the new endpoint and path, signed with the new credential (or the current one, when the
 * operator types its secret), through the same {@link XksProxyClient} and host table as
 * the KMS sandbox. In sandbox mode that reaches the built-in proxy; in {@code aws} mode
 * the real proxy over HTTPS.
 *
 * <p>
 * {@code kmsOperation} is {@code KmsHealthCheck}: of the four values the XKS proxy API
 * specification defines, it is the one for a health poll outside a KMS operation. The
 * console is not KMS and changes nothing on the proxy; claiming
 * {@code UpdateCustomKeyStore} would put an update into the proxy's logs that KMS never
 * made (the real one follows with its own request ID).
 */
@Component
public class XksPreflight {

    static final String KMS_OPERATION = "KmsHealthCheck";

    private final XksProxyClient client;

    private final String region;

    private final Duration budget;

    private final Clock clock;

    @Autowired
    XksPreflight(XksProxyClient client, KmsProperties kms, XksProperties xks, Clock clock) {
        this(client, kms.region(), xks.timeout(), clock);
    }

    XksPreflight(XksProxyClient client, String region, Duration budget, Clock clock) {
        this.client = client;
        this.region = region;
        this.budget = budget;
        this.clock = clock;
    }

    /**
     * Where the check must call for this change; empty when the change needs no check (a
     * CloudHSM store, or an external key store change of the name or VPC endpoint service
     * only).
     */
    public Optional<PreflightTarget> target(CustomKeyStore store, KeyStoreChange change) {
        if (!(change instanceof XksChange xks) || !(xks.redirectsProxy() || xks.credential() != null)) {
            return Optional.empty();
        }
        var current = store.xks().orElse(XksProxySettings.NONE);
        String endpoint = xks.uriEndpoint() != null ? xks.uriEndpoint() : current.uriEndpoint();
        String path = xks.uriPath() != null ? xks.uriPath() : current.uriPath();
        String accessKeyId = xks.credential() != null ? xks.credential().accessKeyId() : current.accessKeyId();
        if (endpoint == null || path == null || accessKeyId == null) {
            return Optional.empty(); // nothing to call: KMS reported no proxy
                                     // configuration
        }
        var connectivity = xks.connectivity() != null ? xks.connectivity() : current.connectivity();
        return Optional.of(new PreflightTarget(endpoint, path, connectivity, accessKeyId, xks.credential() != null));
    }

    /**
     * Runs the check for this change.
     * @param currentSecret the current secret access key, typed by the operator for a
     * change that keeps the credential; used for this one call only, never kept
     * @return NOT_RUN when the credential is unchanged and no current secret was given
     * @throws IllegalArgumentException when the change needs no check ({@link #target} is
     * empty)
     */
    public PreflightResult check(CustomKeyStore store, KeyStoreChange change, @Nullable Secret currentSecret) {
        var target = target(store, change).orElseThrow(() -> new IllegalArgumentException("no pre-flight check"));
        Secret secret = target.credentialChanged()
                ? Objects.requireNonNull(((XksChange) change).credential(), "a changed credential").rawSecretAccessKey()
                : currentSecret;
        if (secret == null) {
            return new PreflightResult(PreflightResult.Status.NOT_RUN, target, null, null, null, null, Duration.ZERO,
                    budget, null, clock.instant());
        }
        return call(target, secret);
    }

    /**
     * Runs the check for a store about to be created: at its endpoint and path, signed
     * with its credential (used for this one call, never kept).
     */
    public PreflightResult check(PreflightTarget target, Secret secret) {
        return call(target, secret);
    }

    private PreflightResult call(PreflightTarget target, Secret secret) {
        String requestId = UUID.randomUUID().toString();
        XksHealthCheckResult result;
        try {
            result = client.getHealthStatus(new XksHealthCheckRequest(URI.create(target.uriEndpoint()),
                    target.uriPath(), new XksProxyCredential(target.accessKeyId(), secret.reveal()), region,
                    KMS_OPERATION, requestId));
        }
        catch (IllegalArgumentException notCallable) {
            // An endpoint or path the form's KMS constraints let through but the client
            // cannot call.
            return new PreflightResult(PreflightResult.Status.FAILED, target,
                    com.cksconsole.xks.XksFailureKind.UNREACHABLE, null, null, null, Duration.ZERO, budget, requestId,
                    clock.instant());
        }
        if (result instanceof XksHealthCheckResult.Healthy healthy) {
            return new PreflightResult(PreflightResult.Status.HEALTHY, target, null, 200, null, healthy.report(),
                    healthy.latency(), budget, requestId, clock.instant());
        }
        var failed = (XksHealthCheckResult.Failed) result;
        return new PreflightResult(PreflightResult.Status.FAILED, target, failed.kind(), failed.httpStatus(),
                failed.proxyErrorName(), failed.report(), failed.latency(), budget, requestId, clock.instant());
    }

}
