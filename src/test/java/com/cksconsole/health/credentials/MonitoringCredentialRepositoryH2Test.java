package com.cksconsole.health.credentials;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The monitoring credential repository contract on the embedded H2 database. */
class MonitoringCredentialRepositoryH2Test extends MonitoringCredentialRepositoryContract {

    @Override
    DataSource emptyDatabase() {
        return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

}
