package com.cksconsole.keystore.internal;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The records of proxy credential changes on the embedded H2 database. */
class ProxyCredentialRecordsH2Test extends ProxyCredentialRecordsContract {

    @Override
    DataSource emptyDatabase() {
        return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

}
