package com.cksconsole.audit;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/** The chain attacks on real PostgreSQL, the production database, with the console's own connection. */
class AuditChainTamperPostgresTest extends AuditChainTamperContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }
}
