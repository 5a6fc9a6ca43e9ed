package com.cksconsole.security.accounts;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/**
 * The group mappings on real PostgreSQL, the production database (skipped with a printed
 * reason when none is available, a failure under {@code CONSOLE_TEST_REQUIRE_ALL=true}).
 */
class GroupMappingRepositoryPostgresTest extends GroupMappingRepositoryContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
