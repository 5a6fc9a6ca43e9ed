package com.cksconsole.audit;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The audit log built by hand on a data source, as the application wires it, for repository tests and the
 * benchmark (no Spring context: actor "system" unless a test sets a security context).
 */
public final class AuditFixture {

    public static final String FINGERPRINT_KEY = "test-fingerprint-key-0123456789abcdef";

    public final DataSource dataSource;
    public final Flyway flyway;
    public final JdbcClient jdbc;
    final AuditEventRepository events;
    final AuditQueries queries;
    final SecretFingerprinter fingerprinter;
    public final AuditTrail trail;
    public final AuditLog log;
    final ChainVerifier verifier;

    private AuditFixture(DataSource dataSource, Clock clock, Duration reconcileAfter, String fingerprintKey) {
        this.dataSource = dataSource;
        this.flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
        this.jdbc = JdbcClient.create(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        this.events = new AuditEventRepository(dataSource, clock);
        this.queries = new AuditQueries(dataSource, transactions);
        this.fingerprinter = new SecretFingerprinter(fingerprintKey, false, jdbc, clock);
        this.trail = new AuditTrail(events, transactions, new AuditContextResolver(TrustedProxies.none()),
                fingerprinter, new AuditJsonLog(), clock, reconcileAfter);
        this.verifier = new ChainVerifier(queries, clock);
        this.log = new AuditLog(queries, verifier, trail, fingerprinter, Duration.ofHours(1));
    }

    /** Migrates the (empty) database and builds the audit log on it. */
    public static AuditFixture migrated(DataSource dataSource, Clock clock) {
        var fixture = new AuditFixture(dataSource, clock, Duration.ofMinutes(2), FINGERPRINT_KEY);
        fixture.flyway.migrate();
        return fixture;
    }

    /** The same database, as another console instance (or a restart) with the sandbox's stored key. */
    static AuditFixture withStoredKey(DataSource dataSource, Clock clock) {
        return new AuditFixture(dataSource, clock, Duration.ofMinutes(2), "");
    }

    /** Verifies the chain without recording the verification (which would append an event). */
    public ChainReport verify() {
        return verifier.verify();
    }
}
