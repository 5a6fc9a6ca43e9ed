package com.cksconsole.approval;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/** The approval rules on real PostgreSQL, the production database. */
class ApprovalRulesPostgresTest extends ApprovalRulesContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
