package com.cksconsole.audit;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The audit log contract on the embedded H2 database, the default of a fresh
 * installation.
 */
class AuditLogH2Test extends AuditLogContract {

    @Override
    DataSource emptyDatabase() {
        return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                "sa", "");
    }

}
