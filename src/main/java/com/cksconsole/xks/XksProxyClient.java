package com.cksconsole.xks;

/**
 * Calls an XKS proxy the way KMS does: GetHealthStatus and the three key operations (XKS
 * proxy API specification, sections "GetHealthStatus", "GetKeyMetadata", "Encrypt",
 * "Decrypt"). Implementations never throw for a proxy failure: every failure is a
 * {@link XksHealthCheckResult.Failed} or an {@link XksKeyResult.Failed}.
 */
public interface XksProxyClient {

    XksHealthCheckResult getHealthStatus(XksHealthCheckRequest request);

    /** {@code POST <endpoint><uriPath>/keys/<externalKeyId>/metadata}. */
    XksKeyResult<XksKeyMetadata> getKeyMetadata(XksKeyCall call);

    /**
     * {@code POST <endpoint><uriPath>/keys/<externalKeyId>/encrypt} with
     * {@code encryptionAlgorithm AES_GCM}.
     */
    XksKeyResult<XksCiphertext> encrypt(XksKeyCall call, XksEncryptInput input);

    /**
     * {@code POST <endpoint><uriPath>/keys/<externalKeyId>/decrypt}; the value of an
     * {@link XksKeyResult.Ok} is the plaintext.
     */
    XksKeyResult<byte[]> decrypt(XksKeyCall call, XksDecryptInput input);

}
