package com.cksconsole.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for the PostgreSQL test tier: a Testcontainers container when a
 * Docker engine is available, else the server named by {@code CONSOLE_TEST_POSTGRES_URL}
 * (e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), else the test is
 * skipped with a printed reason (a failure under {@code CONSOLE_TEST_REQUIRE_ALL=true}).
 *
 * <p>
 * Every call of {@link #freshSchema()} creates a new empty schema, so test classes never
 * see each other's rows and need no clean-up; the schemas are dropped when the JVM exits.
 */
public final class PostgresTestDatabase {

    public static final String URL_VARIABLE = "CONSOLE_TEST_POSTGRES_URL";

    private static final String TIER = "PostgreSQL";

    private static volatile String baseUrl;

    private PostgresTestDatabase() {
    }

    /**
     * The JDBC URL of a new, empty schema of the test PostgreSQL (user and password in
     * the URL).
     */
    public static synchronized String freshSchema() {
        String base = baseUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(base)) {
            connection.createStatement().execute("create schema " + schema);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test schema on " + redact(base), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(base, schema)));
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A data source on a new, empty schema. */
    public static DataSource freshDataSource() {
        var dataSource = new DriverManagerDataSource(freshSchema());
        dataSource.setDriverClassName("org.postgresql.Driver");
        return dataSource;
    }

    private static String baseUrl() {
        if (baseUrl != null) {
            return baseUrl;
        }
        String configured = System.getenv(URL_VARIABLE);
        if (dockerAvailable()) {
            @SuppressWarnings("resource") // lives as long as the test JVM; Ryuk removes
                                          // it afterwards
            var container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            baseUrl = container.getJdbcUrl() + "&user=" + container.getUsername() + "&password="
                    + container.getPassword();
        }
        else if (configured != null && !configured.isBlank()) {
            verifyReachable(configured);
            baseUrl = configured;
        }
        else {
            TestEnvironment.unavailable(TIER, "no Docker engine for Testcontainers and " + URL_VARIABLE
                    + " is not set, so the PostgreSQL tests did not run");
        }
        return baseUrl;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void verifyReachable(String url) {
        try (Connection ignored = DriverManager.getConnection(url)) {
            // reachable
        }
        catch (SQLException e) {
            TestEnvironment.unavailable(TIER, "PostgreSQL at " + redact(url) + " does not answer: " + e.getMessage());
        }
    }

    private static void drop(String base, String schema) {
        try (Connection connection = DriverManager.getConnection(base)) {
            connection.createStatement().execute("drop schema if exists " + schema + " cascade");
        }
        catch (SQLException ignored) {
            // best effort at JVM exit
        }
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }

}
