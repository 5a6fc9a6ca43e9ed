package com.cksconsole.targets;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/** The targets repository contract on real PostgreSQL, the production database. */
class TargetRepositoryPostgresTest extends TargetRepositoryContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
