package com.cksconsole.keystore.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

import org.springframework.core.env.Environment;

import com.cksconsole.keystore.KmsTargets;

/**
 * Gives rows written before the V50 migration (region {@code ''}) the account and Region
 * the console is configured for, which is what they were about: SQL cannot know the
 * configuration (see the migration's comment). A Flyway callback after every migrate, so
 * that it runs in Flyway's own connection before any repository reads the tables (Spring
 * Boot initialises Flyway before the beans that use the database); it finds nothing to do
 * once the rows are adopted. The sandbox's own Flyway does not run it (it is configured
 * by hand, without callbacks).
 */
@Component
public class StoreTargetAdoption implements Callback {

    private static final String[] TABLES = { "active_store_lock", "observed_store_state", "guided_change_run" };

    private final Environment environment;

    public StoreTargetAdoption(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        var target = KmsTargets.defaultTarget(environment);
        try {
            var connection = context.getConnection();
            for (String table : TABLES) {
                if (!hasRegionColumn(connection, table)) {
                    continue; // migrated to a version before V50 (Flyway's target
                              // setting): nothing to adopt yet
                }
                // The table names are the constants above, never input.
                try (var update = connection
                    .prepareStatement("update " + table + " set account_id = ?, region = ? where region = ''")) {
                    update.setString(1, StoreTargetColumns.account(target));
                    update.setString(2, target.region());
                    update.executeUpdate();
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not give the key store tables their account and Region", e);
        }
    }

    /**
     * In the schema Flyway migrates (H2 keeps unquoted names in upper case, PostgreSQL in
     * lower case).
     */
    private static boolean hasRegionColumn(Connection connection, String table) throws SQLException {
        var metaData = connection.getMetaData();
        for (var name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (var columns = metaData.getColumns(null, connection.getSchema(), name, null)) {
                while (columns.next()) {
                    if ("region".equalsIgnoreCase(columns.getString("COLUMN_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public String getCallbackName() {
        return "key store target adoption";
    }

}
