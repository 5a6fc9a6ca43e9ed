package com.cksconsole.keystore;

import com.cksconsole.support.PostgresTestDatabase;

/**
 * Three console instances sharing one Describe snapshot on PostgreSQL, the production
 * database.
 */
class SharedSnapshotInstancesPostgresTest extends SharedSnapshotInstancesContract {

    @Override
    String sharedDatabase() {
        return PostgresTestDatabase.freshSchema();
    }

}
