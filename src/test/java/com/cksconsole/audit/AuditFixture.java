package com.cksconsole.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The audit log built by hand on a data source, as the application wires it, for
 * repository tests and the benchmark (no Spring context: actor "system" unless a test
 * sets a security context).
 */
public final class AuditFixture {

    /** No filter: every event. */
    public static final AuditFilter ALL_EVENTS = new AuditFilter(null, null, null, null, null, null);

    public static final String FINGERPRINT_KEY = "test-fingerprint-key-0123456789abcdef";

    /**
     * The chain key of every fixture (Base64 of 32 bytes), as console.audit.chain-key
     * would hold it.
     */
    public static final String CHAIN_KEY_BASE64 = "dGVzdC1jaGFpbi1rZXktMDEyMzQ1Njc4OWFiY2RlZjAx";
    static final ChainKey CHAIN_KEY = ChainKey.ofBase64(CHAIN_KEY_BASE64);

    public static final int SECRET_CHECKS_PER_MINUTE = 10;

    public final DataSource dataSource;

    public final Flyway flyway;

    public final JdbcClient jdbc;

    final AuditEventRepository events;

    final AuditQueries queries;

    final SecretFingerprinter fingerprinter;

    public final AuditTrail trail;

    public final AuditLog log;

    final ChainVerifier verifier;

    final CheckpointKey checkpointKey;

    final CheckpointFile checkpointFile;

    final AuditCheckpoints checkpoints;

    private final Clock clock;

    private AuditFixture(DataSource dataSource, Clock clock, Duration reconcileAfter, String fingerprintKey) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
        this.jdbc = JdbcClient.create(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        this.events = new AuditEventRepository(dataSource, clock, CHAIN_KEY);
        this.queries = new AuditQueries(dataSource, transactions);
        this.fingerprinter = new SecretFingerprinter(fingerprintKey, false, jdbc, clock);
        var contexts = new AuditContextResolver(TrustedProxies.of(List.of()));
        this.trail = new AuditTrail(events, transactions, contexts, fingerprinter, new AuditJsonLog(), clock,
                reconcileAfter);
        this.checkpointKey = CheckpointKey.generate();
        this.checkpointFile = new CheckpointFile(temporaryDirectory().resolve("checkpoints.jsonl"));
        this.verifier = new ChainVerifier(queries, clock, CHAIN_KEY, checkpointFile, checkpointKey);
        this.checkpoints = new AuditCheckpoints(verifier, trail, checkpointFile, checkpointKey, CHAIN_KEY,
                new AuditJsonLog(), clock);
        this.log = new AuditLog(queries, checkpoints, trail, fingerprinter,
                new SecretCheckLimit(SECRET_CHECKS_PER_MINUTE, clock), contexts, Duration.ofHours(1));
    }

    private static Path temporaryDirectory() {
        try {
            var directory = Files.createTempDirectory("cks-audit-fixture-");
            directory.toFile().deleteOnExit();
            return directory;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Migrates the (empty) database and builds the audit log on it. */
    public static AuditFixture migrated(DataSource dataSource, Clock clock) {
        var fixture = new AuditFixture(dataSource, clock, Duration.ofMinutes(2), FINGERPRINT_KEY);
        fixture.flyway.migrate();
        return fixture;
    }

    /**
     * The same database, as another console instance (or a restart) with the sandbox's
     * stored key.
     */
    static AuditFixture withStoredKey(DataSource dataSource, Clock clock) {
        return new AuditFixture(dataSource, clock, Duration.ofMinutes(2), "");
    }

    /**
     * The same (migrated) database, as another console instance: its own checkpoint file
     * and checkpoint schedule.
     */
    static AuditFixture anotherInstance(DataSource dataSource, Clock clock) {
        return new AuditFixture(dataSource, clock, Duration.ofMinutes(2), FINGERPRINT_KEY);
    }

    /**
     * The periodic checkpoint schedule of this instance as the application wires it, not
     * started: a test runs its ticks itself.
     */
    CheckpointSchedule checkpointSchedule(Duration interval) {
        return new CheckpointSchedule(checkpoints, new CheckpointTurns(dataSource, clock), interval);
    }

    /**
     * Verifies the chain without recording the verification (which would append an
     * event).
     */
    public ChainReport verify() {
        return verifier.verifyWithOpenIntents().report();
    }

    /**
     * Verifies the chain and signs a checkpoint of its head, as the periodic checkpoint
     * does (nothing recorded).
     */
    public Checkpoint checkpoint() {
        var signing = checkpoints.sign();
        var checkpoint = signing.checkpoint();
        if (checkpoint == null) {
            throw new IllegalStateException("No checkpoint signed: " + signing.refusal());
        }
        return checkpoint;
    }

    /**
     * The public key that checks this fixture's checkpoints, as the verification page
     * offers it (PEM).
     */
    public String checkpointPublicKeyPem() {
        return checkpointKey.publicKeyPem();
    }

}
