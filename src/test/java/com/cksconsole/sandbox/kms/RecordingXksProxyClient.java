package com.cksconsole.sandbox.kms;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.cksconsole.xks.XksHealthCheckRequest;
import com.cksconsole.xks.XksHealthCheckResult;
import com.cksconsole.xks.XksCiphertext;
import com.cksconsole.xks.XksDecryptInput;
import com.cksconsole.xks.XksEncryptInput;
import com.cksconsole.xks.XksKeyCall;
import com.cksconsole.xks.XksKeyMetadata;
import com.cksconsole.xks.XksKeyResult;
import com.cksconsole.xks.XksProxyClient;

/** Passes every call to the real client and remembers the requests. */
final class RecordingXksProxyClient implements XksProxyClient {

    private final XksProxyClient delegate;

    private final List<XksHealthCheckRequest> requests = new CopyOnWriteArrayList<>();

    RecordingXksProxyClient(XksProxyClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public XksHealthCheckResult getHealthStatus(XksHealthCheckRequest request) {
        requests.add(request);
        return delegate.getHealthStatus(request);
    }

    @Override
    public XksKeyResult<XksKeyMetadata> getKeyMetadata(XksKeyCall call) {
        return delegate.getKeyMetadata(call);
    }

    @Override
    public XksKeyResult<XksCiphertext> encrypt(XksKeyCall call, XksEncryptInput input) {
        return delegate.encrypt(call, input);
    }

    @Override
    public XksKeyResult<byte[]> decrypt(XksKeyCall call, XksDecryptInput input) {
        return delegate.decrypt(call, input);
    }

    List<XksHealthCheckRequest> requestsFor(String region) {
        return requests.stream().filter(request -> request.region().equals(region)).toList();
    }

    void clear() {
        requests.clear();
    }

}
