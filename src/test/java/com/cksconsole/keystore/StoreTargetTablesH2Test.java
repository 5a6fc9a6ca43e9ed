package com.cksconsole.keystore;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The tables keyed by account, Region and store ID on the embedded H2 database. */
class StoreTargetTablesH2Test extends StoreTargetTablesContract {

    @Override
    DataSource emptyDatabase() {
        return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

}
