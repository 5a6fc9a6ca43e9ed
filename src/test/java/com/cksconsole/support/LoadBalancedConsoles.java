package com.cksconsole.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.awaitility.Awaitility;

/**
 * The load balancer tier's set-up: two whole console instances ({@link ConsoleProcess},
 * named {@code one} and {@code two}) on one fresh PostgreSQL schema behind a real HAProxy
 * (round robin, no stickiness), which names the instance that served each response in the
 * {@value #INSTANCE_HEADER} header. Skipped with a printed reason (a failure under
 * {@code CONSOLE_TEST_REQUIRE_ALL=true}) without HAProxy or PostgreSQL.
 *
 * <p>
 * With one client, round robin alternates strictly between the two instances: a test
 * chooses the instance of its next request with {@link #nextRequestTo(String)}.
 */
public final class LoadBalancedConsoles implements AutoCloseable {

    /** The response header naming the instance that served it. */
    public static final String INSTANCE_HEADER = "X-Console-Instance";

    private static final String TIER = "load balancer";

    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

    private static final Duration START = Duration.ofMinutes(3);

    private final Path work;

    private final String database;

    private final int balancer;

    private final List<ConsoleProcess> instances = new ArrayList<>();

    private final HttpClient probe = HttpClient.newHttpClient();

    private Process haproxy;

    private LoadBalancedConsoles(Path work, String database, int balancer) {
        this.work = work;
        this.database = database;
        this.balancer = balancer;
    }

    /**
     * Starts both instances, with a bootstrap administrator {@code admin} of this
     * password and these further {@code --key=value} arguments, and HAProxy in front;
     * returns once HAProxy serves both.
     */
    public static LoadBalancedConsoles start(String adminPassword, List<String> arguments) throws Exception {
        if (!Files.isExecutable(HAPROXY)) {
            TestEnvironment.unavailable(TIER, "HAProxy is not installed (Debian package haproxy)");
        }
        var consoles = new LoadBalancedConsoles(Files.createTempDirectory("cks-two-instances"),
                PostgresTestDatabase.freshSchema(), freePort());
        try {
            consoles.startAll(adminPassword, arguments);
            return consoles;
        }
        catch (Exception | AssertionError e) {
            consoles.close();
            throw e;
        }
    }

    private void startAll(String adminPassword, List<String> arguments) throws Exception {
        int portOne = freePort();
        int portTwo = freePort();
        var common = new ArrayList<>(List.of("--spring.profiles.active=test", "--spring.datasource.url=" + database,
                "--console.audit.key-directory=" + work.resolve("audit-keys"),
                "--console.audit.checkpoint-file=" + work.resolve("checkpoints.jsonl"),
                "--console.health.credentials.key-directory=" + work.resolve("credential-keys"),
                "--console.security.bootstrap-admin-password=" + adminPassword));
        common.addAll(arguments);
        // The second starts once the first has migrated the schema and written the shared
        // audit and key-encryption keys, as a rolling deployment would.
        instances.add(ConsoleProcess.start("one", portOne, work, Map.of(), common));
        instances.get(0).awaitHealthy(START);
        instances.add(ConsoleProcess.start("two", portTwo, work, Map.of(), common));
        instances.get(1).awaitHealthy(START);
        Path config = work.resolve("haproxy.cfg");
        Files.writeString(config, """
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    retries 2
                    option redispatch
                frontend consoles
                    bind 127.0.0.1:%d
                    default_backend consoles
                backend consoles
                    balance roundrobin
                    option httpchk GET /actuator/health
                    http-check expect status 200
                    http-response set-header %s %%s
                    server one 127.0.0.1:%d check inter 500ms fall 2 rise 1
                    server two 127.0.0.1:%d check inter 500ms fall 2 rise 1
                """.formatted(balancer, INSTANCE_HEADER, portOne, portTwo));
        haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString()).redirectErrorStream(true)
            .redirectOutput(work.resolve("haproxy.log").toFile())
            .start();
        Awaitility.await("HAProxy serving both instances")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> servedBy(10).size() == 2);
    }

    /** HAProxy's port on 127.0.0.1: the console's address for a browser. */
    public int balancer() {
        return balancer;
    }

    /** The JDBC URL of the instances' schema (user and password in it). */
    public String database() {
        return database;
    }

    public ConsoleProcess one() {
        return instances.get(0);
    }

    public ConsoleProcess two() {
        return instances.get(1);
    }

    /**
     * Makes round robin send the next request through the balancer to this instance
     * ({@code one} or {@code two}): probes {@code /actuator/health} (no session, no
     * cookie) until a probe lands on the other one.
     */
    public void nextRequestTo(String instance) {
        for (int probes = 0; probes < 4; probes++) {
            String served = servedOnce("/actuator/health");
            if (!served.equals(instance)) {
                return;
            }
        }
        throw new IllegalStateException("HAProxy sends every request to " + instance + ": no round robin");
    }

    /** The instance that served a response through the balancer. */
    public static String servedBy(HttpResponse<?> response) {
        return response.headers().firstValue(INSTANCE_HEADER).orElseThrow();
    }

    @Override
    public void close() {
        if (haproxy != null) {
            haproxy.destroyForcibly();
        }
        instances.forEach(ConsoleProcess::close);
    }

    /** Which instances served these many requests of the sign-in page. */
    private Set<String> servedBy(int requests) {
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < requests; i++) {
            try {
                seen.add(servedOnce("/login"));
            }
            catch (IllegalStateException e) {
                // not yet served by an instance
            }
        }
        return seen;
    }

    private String servedOnce(String path) {
        try {
            var response = probe.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + balancer + path)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.headers()
                .firstValue(INSTANCE_HEADER)
                .orElseThrow(() -> new IllegalStateException("no instance named: " + response.statusCode()));
        }
        catch (IOException e) {
            throw new IllegalStateException("HAProxy does not answer on " + balancer, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
