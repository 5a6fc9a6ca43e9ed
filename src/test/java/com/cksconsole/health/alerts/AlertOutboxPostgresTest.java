package com.cksconsole.health.alerts;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/** The alert outbox contract on real PostgreSQL, the production database. */
class AlertOutboxPostgresTest extends AlertOutboxContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
