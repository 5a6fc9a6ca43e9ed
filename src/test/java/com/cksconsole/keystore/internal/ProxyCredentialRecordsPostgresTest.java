package com.cksconsole.keystore.internal;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/**
 * The records of proxy credential changes on real PostgreSQL, the production database.
 */
class ProxyCredentialRecordsPostgresTest extends ProxyCredentialRecordsContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
