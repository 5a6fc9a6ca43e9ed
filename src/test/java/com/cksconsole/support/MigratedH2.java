package com.cksconsole.support;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A new in-memory H2 database with the console's migrations applied, for fast tests of a
 * class that needs its tables but no Spring context. Migrating takes a while: migrate
 * once per test class and empty the tables a test uses before each test.
 */
public final class MigratedH2 {

    private MigratedH2() {
    }

    public static DriverManagerDataSource newDatabase() {
        var dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
                "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

}
