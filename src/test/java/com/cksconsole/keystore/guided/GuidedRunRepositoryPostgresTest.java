package com.cksconsole.keystore.guided;

import javax.sql.DataSource;

import com.cksconsole.support.PostgresTestDatabase;

/**
 * The guided change tables and repository on real PostgreSQL, the production database.
 */
class GuidedRunRepositoryPostgresTest extends GuidedRunRepositoryContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

}
