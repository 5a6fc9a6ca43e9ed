package com.cksconsole.security.accounts;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The repository contract on the embedded H2 database, the default of a fresh
 * installation.
 */
class UserAccountRepositoryH2Test extends UserAccountRepositoryContract {

    @Override
    DataSource emptyDatabase() {
        return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

}
