package com.cksconsole.sandbox.kms;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.cksconsole.xks.XksCiphertext;
import com.cksconsole.xks.XksDecryptInput;
import com.cksconsole.xks.XksEncryptInput;
import com.cksconsole.xks.XksKeyCall;
import com.cksconsole.xks.XksKeyMetadata;
import com.cksconsole.xks.XksKeyResult;
import com.cksconsole.xks.XksProxyClient;
import com.cksconsole.xks.XksProxyCredential;
import com.cksconsole.xks.XksRequestMetadata;

/**
 * {@link ExternalKeyCalls} through the shared XKS proxy client, to the proxy the store
 * names, signed with the store's credential for the store's Region. KMS asks for a
 * ciphertext data integrity value when it generates a data key (XKS proxy API
 * specification, Encrypt and Appendix C); the client checks it.
 */
final class ProxyExternalKeyCalls implements ExternalKeyCalls {

    private static final Logger log = LoggerFactory.getLogger(ProxyExternalKeyCalls.class);

    private final XksProxyClient client;

    ProxyExternalKeyCalls(XksProxyClient client) {
        this.client = client;
    }

    @Override
    public Outcome<Metadata> getKeyMetadata(SandboxKeyStore store, String xksKeyId, Caller caller) {
        XksKeyResult<XksKeyMetadata> result = client.getKeyMetadata(call(store, xksKeyId, caller));
        if (result instanceof XksKeyResult.Ok<XksKeyMetadata> ok) {
            XksKeyMetadata metadata = ok.value();
            return new Outcome.Ok<>(new Metadata(metadata.keySpec(), metadata.keyUsage(), metadata.keyStatus()));
        }
        return failed(result, caller);
    }

    @Override
    public Outcome<Wrapped> encrypt(SandboxKeyStore store, String xksKeyId, Caller caller, byte[] plaintext,
            byte[] aad) {
        boolean integrity = caller.kmsOperation().startsWith("GenerateDataKey");
        XksKeyResult<XksCiphertext> result = client.encrypt(call(store, xksKeyId, caller),
                new XksEncryptInput(plaintext, aad, integrity));
        if (result instanceof XksKeyResult.Ok<XksCiphertext> ok) {
            XksCiphertext answer = ok.value();
            return new Outcome.Ok<>(new Wrapped(answer.ciphertext(), answer.initializationVector(),
                    answer.authenticationTag(), answer.ciphertextMetadata()));
        }
        return failed(result, caller);
    }

    @Override
    public Outcome<byte[]> decrypt(SandboxKeyStore store, String xksKeyId, Caller caller, Wrapped wrapped, byte[] aad) {
        XksKeyResult<byte[]> result = client.decrypt(call(store, xksKeyId, caller),
                new XksDecryptInput(wrapped.ciphertext(), wrapped.initializationVector(), wrapped.authenticationTag(),
                        wrapped.ciphertextMetadata(), aad));
        if (result instanceof XksKeyResult.Ok<byte[]> ok) {
            return new Outcome.Ok<>(ok.value());
        }
        return failed(result, caller);
    }

    private static XksKeyCall call(SandboxKeyStore store, String xksKeyId, Caller caller) {
        var xks = store.requireXks();
        return new XksKeyCall(URI.create(xks.uriEndpoint()), xks.uriPath(),
                new XksProxyCredential(xks.accessKeyId(), xks.rawSecretAccessKey()), store.region(), xksKeyId,
                new XksRequestMetadata(caller.awsPrincipalArn(), caller.kmsKeyArn(), caller.kmsOperation(),
                        caller.kmsRequestId(), null));
    }

    private static <T> Outcome<T> failed(XksKeyResult<?> result, Caller caller) {
        var failed = (XksKeyResult.Failed<?>) result;
        log.debug("XKS proxy call for {} {} failed: {} (HTTP {}, {})", caller.kmsOperation(), caller.kmsRequestId(),
                failed.kind(), failed.httpStatus(), failed.proxyErrorName());
        return new Outcome.Failed<>(Failure.valueOf(failed.kind().name()));
    }

}
