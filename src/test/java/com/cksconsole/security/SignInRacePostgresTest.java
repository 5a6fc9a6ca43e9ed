package com.cksconsole.security;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/**
 * The sign-in race on PostgreSQL, where concurrent transactions really run in parallel.
 */
class SignInRacePostgresTest extends SignInRaceContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
