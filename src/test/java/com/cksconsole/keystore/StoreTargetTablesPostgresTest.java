package com.cksconsole.keystore;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/**
 * The tables keyed by account, Region and store ID on real PostgreSQL, the production
 * database.
 */
class StoreTargetTablesPostgresTest extends StoreTargetTablesContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
