package com.cksconsole.health.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;

/**
 * Records the server's chain, then evaluates it with the real trust manager and records
 * the verdict instead of failing the handshake: the check must report the certificates,
 * the protocol and the cipher of an untrusted server too. This is not a trust-all: the
 * verdict is the real trust manager's, and the connection carries no application data (it
 * is closed right after the handshake).
 */
final class CapturingTrustManager extends X509ExtendedTrustManager {

    private final X509TrustManager evaluator;

    private volatile List<X509Certificate> chain = List.of();

    private volatile @Nullable String rejection;

    private volatile boolean evaluated;

    CapturingTrustManager(X509TrustManager evaluator) {
        this.evaluator = evaluator;
    }

    List<X509Certificate> chain() {
        return chain;
    }

    boolean trusted() {
        return evaluated && rejection == null;
    }

    @Nullable String rejection() {
        return rejection;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType) {
        chain = List.of(presented);
        try {
            evaluator.checkServerTrusted(presented, authType);
            rejection = null;
        }
        catch (CertificateException | RuntimeException e) {
            rejection = String.valueOf(e.getMessage());
        }
        evaluated = true;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) {
        checkServerTrusted(presented, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
        checkServerTrusted(presented, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType) throws CertificateException {
        throw new CertificateException("the TLS check is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(presented, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(presented, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

}
