package com.cksconsole.health.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server on 127.0.0.1 and a random port that presents one chain, completes each
 * handshake and closes the connection: what the TLS check sees of an HTTPS endpoint.
 */
final class LocalTlsServer implements AutoCloseable {

    private static final char[] PASSWORD = "test-only".toCharArray();

    private final ServerSocket socket;

    private final Thread acceptor;

    /**
     * @param protocols the protocols the server accepts, e.g. {@code TLSv1.2}
     */
    LocalTlsServer(TestPki.Issued identity, String... protocols) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", identity.keys().getPrivate(), PASSWORD, identity.chain());
            // SunX509 presents its one key whatever its validity: an expired server is a
            // case to test.
            var keyManagers = KeyManagerFactory.getInstance("SunX509");
            keyManagers.init(keys, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            var server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            if (protocols.length > 0) {
                server.setEnabledProtocols(protocols);
            }
            this.socket = server;
        }
        catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
        this.acceptor = new Thread(this::serve, "local-tls-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The {@code console.health.tls.hosts} value that leads to this server. */
    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                connection.setSoTimeout(5000);
                ((SSLSocket) connection).startHandshake();
                // Wait for the client to close (TLS 1.3 clients finish first).
                connection.getInputStream().read();
            }
            catch (IOException e) {
                // A failed handshake is the client's result, not the server's.
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

}
