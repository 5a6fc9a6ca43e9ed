package com.cksconsole.security.accounts;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/** The repository contract on real PostgreSQL, the production database. */
class UserAccountRepositoryPostgresTest extends UserAccountRepositoryContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
