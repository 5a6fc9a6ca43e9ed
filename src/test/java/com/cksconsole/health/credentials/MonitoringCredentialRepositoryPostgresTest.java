package com.cksconsole.health.credentials;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/**
 * The monitoring credential repository contract on real PostgreSQL, the production
 * database.
 */
class MonitoringCredentialRepositoryPostgresTest extends MonitoringCredentialRepositoryContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
