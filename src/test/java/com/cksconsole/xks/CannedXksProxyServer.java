package com.cksconsole.xks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny local HTTP server on 127.0.0.1 that answers every request with one canned
 * response and records what it received. It can also hold an answer back (until closed)
 * to play a proxy that is too slow, or drop the connection without answering.
 */
final class CannedXksProxyServer implements AutoCloseable {

    /** What the server answers. */
    record Canned(int status, String contentType, byte[] body, boolean holdBack, boolean dropConnection,
            boolean holdBodyBack) {

        static Canned json(int status, String body) {
            return new Canned(status, "application/json", body.getBytes(StandardCharsets.UTF_8), false, false, false);
        }

        static Canned text(int status, String contentType, String body) {
            return new Canned(status, contentType, body.getBytes(StandardCharsets.UTF_8), false, false, false);
        }

        static Canned bytes(int status, byte[] body) {
            return new Canned(status, "application/json", body, false, false, false);
        }

        static Canned heldBack() {
            return new Canned(200, "application/json", new byte[0], true, false, false);
        }

        static Canned droppedConnection() {
            return new Canned(200, "application/json", new byte[0], false, true, false);
        }

        /**
         * Headers and the first half of the body at once, the rest only when the server
         * closes.
         */
        static Canned bodyHeldBack(String body) {
            return new Canned(200, "application/json", body.getBytes(StandardCharsets.UTF_8), false, false, true);
        }
    }

    /** One request as the server saw it. */
    record Received(String method, String rawPath, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet()
                .stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(entry -> String.join(",", entry.getValue()))
                .findFirst()
                .orElse(null);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;

    private final ExecutorService executor = Executors.newCachedThreadPool();

    private final CountDownLatch release = new CountDownLatch(1);

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private volatile Canned canned = Canned.json(200, "{}");

    CannedXksProxyServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void answer(Canned answer) {
        this.canned = answer;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Canned answer = canned;
            if (answer.dropConnection()) {
                return;
            }
            if (answer.holdBack()) {
                // Waits for the test to finish (close), not for a fixed time: the
                // client's budget expires first.
                release.await(30, TimeUnit.SECONDS);
            }
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.holdBodyBack()) {
                int half = answer.body().length / 2;
                exchange.getResponseBody().write(answer.body(), 0, half);
                exchange.getResponseBody().flush();
                release.await(30, TimeUnit.SECONDS);
                exchange.getResponseBody().write(answer.body(), half, answer.body().length - half);
                return;
            }
            exchange.getResponseBody().write(answer.body());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

}
