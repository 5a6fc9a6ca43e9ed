package com.cksconsole.keystore.internal;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** When connects and disconnects started, on the embedded H2 database. */
class ConnectionTransitionRecordsH2Test extends ConnectionTransitionRecordsContract {

    @Override
    DataSource emptyDatabase() {
        return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

}
