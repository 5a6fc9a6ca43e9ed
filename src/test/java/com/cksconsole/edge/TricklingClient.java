package com.cksconsole.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A slow client on a real socket: sends the headers of a form POST and the start of its
 * body at once, then one byte of the body per drip interval, until the server closes the
 * connection (or answers and then closes) or the body is complete. Each wait for the next
 * drip is a read with the interval as timeout, so the client notices a closed connection
 * at once and needs no sleeps.
 */
final class TricklingClient implements AutoCloseable {

    private final Socket socket = new Socket();

    private final Thread dripper;

    private final long startedNanos = System.nanoTime();

    private volatile long closedAfterNanos = -1;

    private final ByteArrayOutputStream answer = new ByteArrayOutputStream();

    private TricklingClient(int port, String path, int contentLength, byte[] first, Duration interval)
            throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout((int) interval.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + contentLength + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(first);
        out.flush();
        dripper = new Thread(() -> drip(contentLength - first.length), "trickling-client-" + port);
        dripper.setDaemon(true);
        dripper.start();
    }

    /**
     * Starts a client that would need {@code contentLength} bytes (of which it sends
     * {@code first} at once) to finish its body.
     */
    static TricklingClient start(int port, String path, int contentLength, String first, Duration interval) {
        try {
            return new TricklingClient(port, path, contentLength, first.getBytes(StandardCharsets.US_ASCII), interval);
        }
        catch (IOException e) {
            throw new IllegalStateException("could not connect", e);
        }
    }

    private void drip(int remaining) {
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                try {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break; // the server closed the connection
                    }
                    synchronized (answer) {
                        answer.write(buffer, 0, n);
                    }
                }
                catch (SocketTimeoutException nothingYet) {
                    if (remaining > 0) {
                        out.write('a');
                        out.flush();
                        remaining--;
                    }
                }
            }
        }
        catch (IOException e) {
            // reset or broken pipe: the server closed the connection
        }
        closedAfterNanos = System.nanoTime() - startedNanos;
    }

    /** Whether the server has closed the connection. */
    boolean closedByServer() {
        return closedAfterNanos >= 0;
    }

    /** How long after the start the server closed the connection. */
    Duration closedAfter() {
        if (!closedByServer()) {
            throw new IllegalStateException("still connected");
        }
        return Duration.ofNanos(closedAfterNanos);
    }

    /** The status line the server sent before closing, if any. */
    Optional<String> statusLine() {
        String text;
        synchronized (answer) {
            text = answer.toString(StandardCharsets.ISO_8859_1);
        }
        int end = text.indexOf("\r\n");
        return end < 0 ? Optional.empty() : Optional.of(text.substring(0, end));
    }

    @Override
    public void close() {
        try {
            socket.close();
        }
        catch (IOException e) {
            // closing a test socket
        }
    }

}
