package com.cksconsole.keystore.guided;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The guided change tables and repository on the embedded H2 database. */
class GuidedRunRepositoryH2Test extends GuidedRunRepositoryContract {

    @Override
    DataSource emptyDatabase() {
        return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

}
