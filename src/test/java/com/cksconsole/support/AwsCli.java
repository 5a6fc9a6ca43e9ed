package com.cksconsole.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.cksconsole.kms.SandboxDefaults;

/**
 * The real AWS CLI ({@code aws}, version 1 or 2, from PATH or
 * {@code CONSOLE_TEST_AWS_CLI}) pointed at the sandbox with the sandbox's default
 * credentials: the CLI tier's tests (names ending in {@code CliTest}) check that what the
 * console did is what any other KMS client sees. Where no CLI is installed the tests skip
 * with the reason (fail under {@code CONSOLE_TEST_REQUIRE_ALL=true}; CI installs Debian's
 * {@code awscli}).
 */
public final class AwsCli {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Generous: a cold Python start of the CLI on a busy two-core machine. */
    private static final long DEADLINE_SECONDS = 120;

    private final String executable;

    private final int port;

    private AwsCli(String executable, int port) {
        this.executable = executable;
        this.port = port;
    }

    /** The CLI for the console on {@code port}; skips the test where there is none. */
    public static AwsCli against(int port) {
        String configured = System.getenv("CONSOLE_TEST_AWS_CLI");
        String executable = configured != null && !configured.isBlank() ? configured : onPath("aws");
        if (executable == null) {
            TestEnvironment.unavailable("AWS CLI",
                    "no 'aws' command on PATH (install Debian's awscli or set " + "CONSOLE_TEST_AWS_CLI)");
        }
        return new AwsCli(executable, port);
    }

    /** What one CLI call printed and its exit code. */
    public record Result(int exitCode, String stdout, String stderr) {

        public JsonNode json() {
            return JSON.readTree(stdout);
        }
    }

    /**
     * {@code aws <service> <operation> [args]} against the sandbox endpoint of the
     * service ({@code kms} or {@code cloudhsmv2}), JSON output.
     */
    public Result run(String service, String... args) {
        List<String> command = new ArrayList<>(List.of(executable, service));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", "http://127.0.0.1:" + port + "/sandbox/" + service, "--output", "json",
                "--region", "us-east-1"));
        try {
            Path out = Files.createTempFile("aws-cli-", ".out");
            Path err = Files.createTempFile("aws-cli-", ".err");
            try {
                var builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                var env = builder.environment();
                env.put("AWS_ACCESS_KEY_ID", SandboxDefaults.ACCESS_KEY_ID);
                env.put("AWS_SECRET_ACCESS_KEY", SandboxDefaults.SECRET_ACCESS_KEY);
                env.remove("AWS_SESSION_TOKEN");
                env.remove("AWS_PROFILE");
                // No user configuration, no pager, no instance metadata lookups.
                env.put("AWS_CONFIG_FILE", "/dev/null");
                env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
                env.put("AWS_PAGER", "");
                env.put("AWS_EC2_METADATA_DISABLED", "true");
                env.put("AWS_MAX_ATTEMPTS", "1");
                Process process = builder.start();
                if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(
                            "aws " + service + " " + args[0] + " did not finish within " + DEADLINE_SECONDS + " s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            }
            finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
        catch (IOException ex) {
            throw new AssertionError("could not run " + executable, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + executable, ex);
        }
    }

    private static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.isFile() && candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }

}
