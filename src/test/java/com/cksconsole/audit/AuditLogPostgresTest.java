package com.cksconsole.audit;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/** The audit log contract on real PostgreSQL, the production database. */
class AuditLogPostgresTest extends AuditLogContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
