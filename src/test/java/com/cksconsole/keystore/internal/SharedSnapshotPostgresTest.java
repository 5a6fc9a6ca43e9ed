package com.cksconsole.keystore.internal;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/** The shared Describe snapshot on real PostgreSQL, the production database. */
class SharedSnapshotPostgresTest extends SharedSnapshotContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
