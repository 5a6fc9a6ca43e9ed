package com.cksconsole.health.probe;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/** The health repository contract on real PostgreSQL, the production database. */
class HealthRepositoryPostgresTest extends HealthRepositoryContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
