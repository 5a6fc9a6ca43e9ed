package com.cksconsole.support;

import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The console's database, switchable off as a database that has gone away: every new
 * connection then fails as HikariCP's does when its server is down. The KMS sandbox,
 * which stands in for AWS and only happens to keep its stores in the same database, keeps
 * working: a thread serving a {@code /sandbox/**} request ({@link SandboxTraffic} marks
 * it) is never refused. So a test sees what an outage of the console's own database does,
 * with KMS still answering.
 */
public final class FaultyDatabase extends DelegatingDataSource implements Closeable {

    private static final ThreadLocal<Boolean> SANDBOX_THREAD = ThreadLocal.withInitial(() -> false);

    private volatile boolean down;

    public FaultyDatabase(DataSource target) {
        super(target);
    }

    public void goDown() {
        down = true;
    }

    public void comeBack() {
        down = false;
    }

    /**
     * Marks (or unmarks) the current thread as serving the sandbox, which keeps its
     * database.
     */
    static void servingSandbox(boolean sandbox) {
        SANDBOX_THREAD.set(sandbox);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down && !SANDBOX_THREAD.get()) {
            throw new SQLTransientConnectionException("database unavailable (switched off by the test)");
        }
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    /**
     * Closes the pool underneath when the context ends, as it would without this wrapper.
     */
    @Override
    public void close() throws IOException {
        if (getTargetDataSource() instanceof Closeable pool) {
            pool.close();
        }
    }

}
