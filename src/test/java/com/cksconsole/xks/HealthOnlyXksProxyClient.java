package com.cksconsole.xks;

import java.util.function.Function;

/**
 * A test double that answers GetHealthStatus with the given function; a key operation
 * fails the test.
 */
public final class HealthOnlyXksProxyClient implements XksProxyClient {

    private final Function<XksHealthCheckRequest, XksHealthCheckResult> health;

    private HealthOnlyXksProxyClient(Function<XksHealthCheckRequest, XksHealthCheckResult> health) {
        this.health = health;
    }

    public static XksProxyClient answering(Function<XksHealthCheckRequest, XksHealthCheckResult> health) {
        return new HealthOnlyXksProxyClient(health);
    }

    @Override
    public XksHealthCheckResult getHealthStatus(XksHealthCheckRequest request) {
        return health.apply(request);
    }

    @Override
    public XksKeyResult<XksKeyMetadata> getKeyMetadata(XksKeyCall call) {
        throw new AssertionError("no GetKeyMetadata call expected");
    }

    @Override
    public XksKeyResult<XksCiphertext> encrypt(XksKeyCall call, XksEncryptInput input) {
        throw new AssertionError("no Encrypt call expected");
    }

    @Override
    public XksKeyResult<byte[]> decrypt(XksKeyCall call, XksDecryptInput input) {
        throw new AssertionError("no Decrypt call expected");
    }

}
