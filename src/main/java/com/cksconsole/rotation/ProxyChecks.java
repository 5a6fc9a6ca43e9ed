package com.cksconsole.rotation;

import com.cksconsole.keystore.PreflightResult;
import com.cksconsole.keystore.PreflightTarget;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.XksPreflight;

/**
 * GetHealthStatus at the store's endpoint and path, signed with one credential, through
 * the console's XKS pre-flight check (the same client and host table as every other proxy
 * call; {@code kmsOperation} {@code KmsHealthCheck}).
 */
class ProxyChecks {

    private final XksPreflight preflight;

    ProxyChecks(XksPreflight preflight) {
        this.preflight = preflight;
    }

    /** The check signed with {@code accessKeyId} and {@code secret}. */
    PreflightResult check(RotationRun run, String accessKeyId, Secret secret) {
        return preflight.check(
                new PreflightTarget(run.uriEndpoint(), run.uriPath(), run.connectivity(), accessKeyId, true), secret);
    }

    /** Whether the proxy answered that it does not know the credential (HTTP 401). */
    static boolean refused(PreflightResult result) {
        return result.failure() == com.cksconsole.xks.XksFailureKind.AUTHENTICATION_FAILED;
    }

}
