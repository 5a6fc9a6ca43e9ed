package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.cksconsole.support.MutableClock;

/**
 * The verification command of docs/audit.md, run exactly as documented: the verifier as a
 * single source file.
 */
class AuditExportVerifierCommandTest {

    static final Path SOURCE = Path.of("src/main/java/com/cksconsole/audit/AuditExportVerifier.java");

    @TempDir
    Path directory;

    @Test
    void theDocumentedCommandAcceptsAnIntactExportAndRejectsATamperedOne() throws Exception {
        var audit = threeSignIns();
        var export = exportOf(audit);
        var tampered = directory.resolve("tampered.jsonl");
        Files.writeString(tampered, Files.readString(export).replace("run 1", "run 9"));

        var intact = run("--complete", export);
        assertThat(intact.exitCode).as(intact.output).isZero();
        assertThat(intact.output).startsWith("OK: 4 events, every hash re-computed, 3 links checked, 0 gaps");

        var broken = run(tampered.toString());
        assertThat(broken.exitCode).isEqualTo(1);
        assertThat(broken.output).startsWith("BROKEN: line 2: event 2 was changed");
    }

    @Test
    void withThePublicKeyTheCommandChecksTheSignedCheckpointTheExportCarries() throws Exception {
        var audit = threeSignIns();
        var checkpoint = audit.checkpoint();
        var export = exportOf(audit);
        var key = directory.resolve("audit-checkpoint-public-key.pem");
        Files.writeString(key, audit.checkpointPublicKeyPem());
        var chainKey = directory.resolve("chain.key");
        Files.writeString(chainKey, AuditFixture.CHAIN_KEY_BASE64 + "\n");
        var forged = directory.resolve("forged.jsonl");
        Files.writeString(forged,
                Files.readString(export)
                    .replace("\"signature\":\"" + checkpoint.signature(),
                            "\"signature\":\"A" + checkpoint.signature().substring(1)));

        var intact = run("--complete", "--public-key", key.toString(), "--chain-key-file", chainKey.toString(),
                export.toString());
        assertThat(intact.exitCode).as(intact.output).isZero();
        assertThat(intact.output).startsWith("OK: 4 events")
            .contains("4 keyed links checked", "checkpoint: matches the checkpoint signed at " + checkpoint.createdAt()
                    + " up to event 3 " + "(signature valid)");

        var broken = run("--complete", "--public-key", key.toString(), forged.toString());
        assertThat(broken.exitCode).isEqualTo(1);
        assertThat(broken.output).startsWith("BROKEN: line 1: the checkpoint's signature is not valid");

        assertThat(run("--public-key").exitCode).as("usage").isEqualTo(2);
    }

    private static AuditFixture threeSignIns() {
        var audit = AuditFixture.migrated(
                new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""),
                new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));
        for (int i = 0; i < 3; i++) {
            audit.trail.record(AuditIntent.of(AuditLogAction.SIGN_IN, AuditTarget.none()).reason("run " + i).build(),
                    AuditResult.succeeded());
        }
        return audit;
    }

    private Path exportOf(AuditFixture audit) throws IOException {
        var export = directory.resolve("audit.jsonl");
        try (var out = Files.newOutputStream(export)) {
            audit.log.startExport(AuditFixture.ALL_EVENTS, ExportFormat.JSONL).writeTo(out);
        }
        return export;
    }

    private record Run(int exitCode, String output) {
    }

    private Run run(String... arguments) throws IOException, InterruptedException {
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<String>();
        command.add(javaBinary);
        command.add(SOURCE.toString());
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Run run(String option, Path file) throws IOException, InterruptedException {
        return run(option, file.toString());
    }

}
