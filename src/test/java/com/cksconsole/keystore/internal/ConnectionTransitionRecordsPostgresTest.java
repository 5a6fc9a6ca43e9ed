package com.cksconsole.keystore.internal;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/** When connects and disconnects started, on real PostgreSQL, the production database. */
class ConnectionTransitionRecordsPostgresTest extends ConnectionTransitionRecordsContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
