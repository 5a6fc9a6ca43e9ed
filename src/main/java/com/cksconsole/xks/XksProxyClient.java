package com.cksconsole.xks;

/**
 * Calls an XKS proxy's GetHealthStatus the way KMS does. Implementations never throw for
 * a proxy failure: every failure is a {@link XksHealthCheckResult.Failed}.
 */
public interface XksProxyClient {

    XksHealthCheckResult getHealthStatus(XksHealthCheckRequest request);

}
