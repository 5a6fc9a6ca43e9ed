package com.cksconsole.rotation;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/** The rotation repository contract on real PostgreSQL, the production database. */
class RotationRepositoryPostgresTest extends RotationRepositoryContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
