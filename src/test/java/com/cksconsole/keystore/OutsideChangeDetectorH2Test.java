package com.cksconsole.keystore;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@link OutsideChangeDetectorContract} on H2, the default database. */
class OutsideChangeDetectorH2Test extends OutsideChangeDetectorContract {

    @Override
    DataSource newDatabase() {
        return new DriverManagerDataSource("jdbc:h2:mem:outside-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

}
