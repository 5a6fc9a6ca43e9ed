package com.cksconsole.keys.internal;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/** Two instances' key caches on real PostgreSQL, the production database. */
class SharedKeyChangesPostgresTest extends SharedKeyChangesContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
