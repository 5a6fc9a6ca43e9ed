package com.cksconsole.support;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import com.cksconsole.ConsoleApplication;

/**
 * A whole console instance in a JVM of its own, started from the test's class path: what
 * a load balancer sees. It can be killed like a crashed instance ({@link #kill()}: no
 * shutdown hook, no lease released).
 */
public final class ConsoleProcess implements AutoCloseable {

    private static final Pattern GUIDED_RUNNER = Pattern.compile("Guided change runner (console-[0-9a-f-]+) started");

    private final String name;

    private final int port;

    private final Path log;

    private final Process process;

    private ConsoleProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts an instance on {@code port} with these environment variables and
     * {@code --key=value} arguments.
     */
    public static ConsoleProcess start(String name, int port, Path workDir, Map<String, String> environment,
            List<String> arguments) {
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve(name + ".log");
            List<String> command = new ArrayList<>(
                    List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                            "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                            ConsoleApplication.class.getName(), "--server.port=" + port));
            command.addAll(arguments);
            var builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new ConsoleProcess(name, port, log, builder.start());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot start console instance " + name, e);
        }
    }

    /** Waits until the instance answers UP on {@code /actuator/health}. */
    public ConsoleProcess awaitHealthy(Duration deadline) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
        Awaitility.await("instance " + name + " healthy (log: " + log + ")")
            .atMost(deadline)
            .pollInterval(Duration.ofMillis(250))
            .until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Console instance " + name + " exited: " + tail());
                }
                try {
                    var response = http.send(health, HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 && response.body().contains("UP");
                }
                catch (IOException e) {
                    return false;
                }
            });
        return this;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The ID its guided change runner took at start (a run's {@code lease_owner}). */
    public String guidedRunnerId() {
        var matcher = GUIDED_RUNNER.matcher(output());
        if (!matcher.find()) {
            throw new IllegalStateException("No guided change runner in the log of " + name);
        }
        return matcher.group(1);
    }

    /** Everything it has written so far. */
    public String output() {
        try {
            return Files.readString(log);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops it at once, as a crash would (SIGKILL). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    private String tail() {
        String all = output();
        return all.substring(Math.max(0, all.length() - 4000));
    }

    @Override
    public void close() {
        kill();
    }

}
