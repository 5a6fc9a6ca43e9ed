package com.cksconsole.keystore;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/**
 * {@link OutsideChangeDetectorContract} on a real PostgreSQL (each test on a fresh
 * schema).
 */
class OutsideChangeDetectorPostgresTest extends OutsideChangeDetectorContract {

    @Override
    DataSource newDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
