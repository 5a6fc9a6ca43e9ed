package com.cksconsole.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/** A data source that can be switched to fail, as a database that has gone away does. */
public final class SwitchableDataSource extends DelegatingDataSource {

    private volatile boolean failing;

    public SwitchableDataSource(DataSource target) {
        super(target);
    }

    public void fail() {
        failing = true;
    }

    public void recover() {
        failing = false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (failing) {
            throw new SQLTransientConnectionException("database unavailable (switched off by the test)");
        }
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

}
