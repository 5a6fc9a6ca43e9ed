package com.cksconsole.sandbox.kms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.sandbox.kms.SandboxKeyStore.CloudHsmSettings;
import com.cksconsole.sandbox.kms.SandboxKeyStore.Pending;
import com.cksconsole.sandbox.kms.SandboxKeyStore.XksSettings;

/** The sandbox's own tables, through plain JDBC. Callers hold the transaction. */
final class KeyStoreRepository {

    private static final String COLUMNS = "account_id, id, region, name, store_type, connection_state, connection_error_code, "
            + "pending_state, pending_error_code, settle_at_millis, creation_millis, cloudhsm_cluster_id, "
            + "trust_anchor_certificate, key_store_password, xks_connectivity, xks_uri_endpoint, xks_uri_path, "
            + "xks_vpc_endpoint_service_name, xks_vpc_endpoint_service_owner, xks_access_key_id, "
            + "xks_raw_secret_access_key, version";

    private final JdbcClient jdbc;

    KeyStoreRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the lock row of an account and Region if it is missing; safe when several
     * instances race. Outside transactions only: on PostgreSQL a failed insert would
     * abort the surrounding transaction.
     */
    void ensureRegion(AccountRegion region) {
        boolean exists = jdbc.sql("select count(*) from sandbox_kms_account_region where account_id = ? and region = ?")
            .params(region.accountId(), region.region())
            .query(Long.class)
            .single() > 0;
        if (!exists) {
            try {
                jdbc.sql("insert into sandbox_kms_account_region (account_id, region) values (?, ?)")
                    .params(region.accountId(), region.region())
                    .update();
            }
            catch (DuplicateKeyException alreadyCreated) {
                // another caller created it first: fine
            }
        }
    }

    /** Locks the row of an account and Region until the surrounding transaction ends. */
    void lockRegion(AccountRegion region) {
        jdbc.sql("select region from sandbox_kms_account_region where account_id = ? and region = ? for update")
            .params(region.accountId(), region.region())
            .query(String.class)
            .single();
    }

    List<SandboxKeyStore> findAll(AccountRegion region) {
        return jdbc
            .sql("select " + COLUMNS + " from sandbox_kms_custom_key_store where account_id = ? and region = ? "
                    + "order by creation_millis, id")
            .params(region.accountId(), region.region())
            .query(KeyStoreRepository::map)
            .list();
    }

    /**
     * Every store waiting for a transition, in all accounts and Regions (to re-arm the
     * scheduler after a restart).
     */
    List<SandboxKeyStore> findPending() {
        return jdbc.sql("select " + COLUMNS + " from sandbox_kms_custom_key_store where pending_state is not null")
            .query(KeyStoreRepository::map)
            .list();
    }

    void insert(SandboxKeyStore store) {
        jdbc.sql("insert into sandbox_kms_custom_key_store (" + COLUMNS + ") values "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(values(store, store.version()))
            .update();
    }

    /**
     * Writes a changed store; the version check makes a lost update impossible even
     * without the Region lock.
     */
    SandboxKeyStore update(SandboxKeyStore store) {
        long next = store.version() + 1;
        List<Object> values = values(store, next);
        values.remove(0);
        values.remove(0);
        values.remove(0);
        values.add(store.accountId());
        values.add(store.region());
        values.add(store.id());
        values.add(store.version());
        int updated = jdbc
            .sql("update sandbox_kms_custom_key_store set name = ?, store_type = ?, "
                    + "connection_state = ?, connection_error_code = ?, pending_state = ?, pending_error_code = ?, "
                    + "settle_at_millis = ?, creation_millis = ?, cloudhsm_cluster_id = ?, "
                    + "trust_anchor_certificate = ?, key_store_password = ?, xks_connectivity = ?, "
                    + "xks_uri_endpoint = ?, xks_uri_path = ?, xks_vpc_endpoint_service_name = ?, "
                    + "xks_vpc_endpoint_service_owner = ?, xks_access_key_id = ?, xks_raw_secret_access_key = ?, "
                    + "version = ? where account_id = ? and region = ? and id = ? and version = ?")
            .params(values)
            .update();
        if (updated != 1) {
            throw new IllegalStateException("concurrent change of custom key store " + store.id());
        }
        return new SandboxKeyStore(store.accountId(), store.id(), store.region(), store.name(), store.type(),
                store.connectionState(), store.connectionErrorCode(), store.pending(), store.creationDate(),
                store.cloudHsm(), store.xks(), next);
    }

    Optional<String> trustAnchor(String backupFamily) {
        return jdbc.sql("select certificate from sandbox_cloudhsm_trust_anchor where backup_family = ?")
            .param(backupFamily)
            .query(String.class)
            .optional();
    }

    /**
     * The family's cluster certificate; empty for a family whose trust anchor an earlier
     * version issued without one.
     */
    Optional<String> clusterCertificate(String backupFamily) {
        return jdbc.sql("select cluster_certificate from sandbox_cloudhsm_trust_anchor where backup_family = ?")
            .param(backupFamily)
            .query((row, number) -> Optional.ofNullable(row.getString(1)))
            .optional()
            .flatMap(certificate -> certificate);
    }

    /**
     * Stores a backup family's trust anchor unless it has one; the stored one wins a
     * race. Outside transactions only, like {@link #createSetting}.
     */
    String createTrustAnchor(String backupFamily, String certificate) {
        return createTrustAnchor(backupFamily, certificate, null);
    }

    /**
     * Stores a backup family's trust anchor and cluster certificate unless it has a trust
     * anchor; the stored one wins a race. Outside transactions only.
     */
    String createTrustAnchor(String backupFamily, String certificate, @Nullable String clusterCertificate) {
        try {
            jdbc.sql("insert into sandbox_cloudhsm_trust_anchor (backup_family, certificate, cluster_certificate) "
                    + "values (?, ?, ?)")
                .params(backupFamily, certificate, nullable(clusterCertificate))
                .update();
        }
        catch (DuplicateKeyException storedByAnotherInstance) {
            // another instance generated it first: use theirs
        }
        return trustAnchor(backupFamily).orElseThrow();
    }

    void delete(SandboxKeyStore store) {
        jdbc.sql("delete from sandbox_kms_custom_key_store where account_id = ? and region = ? and id = ?")
            .params(store.accountId(), store.region(), store.id())
            .update();
    }

    Optional<String> setting(String name) {
        return jdbc.sql("select setting_value from sandbox_kms_setting where name = ?")
            .param(name)
            .query(String.class)
            .optional();
    }

    /**
     * Inserts a setting; fails if it exists (use inside a transaction only after
     * checking).
     */
    void insertSetting(String name, String value) {
        jdbc.sql("insert into sandbox_kms_setting (name, setting_value) values (?, ?)").params(name, value).update();
    }

    /**
     * Stores a setting unless it exists; returns whether this call created it. Outside
     * transactions only: on PostgreSQL a failed insert would abort the surrounding
     * transaction.
     */
    boolean createSetting(String name, String value) {
        try {
            return jdbc.sql("insert into sandbox_kms_setting (name, setting_value) values (?, ?)")
                .params(name, value)
                .update() == 1;
        }
        catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    private static List<Object> values(SandboxKeyStore store, long version) {
        CloudHsmSettings hsm = store.cloudHsm();
        XksSettings xks = store.xks();
        Pending pending = store.pending();
        var values = new ArrayList<Object>();
        values.add(store.accountId());
        values.add(store.id());
        values.add(store.region());
        values.add(store.name());
        values.add(store.type().name());
        values.add(store.connectionState().name());
        values.add(nullable(store.connectionErrorCode()));
        values.add(nullable(pending == null ? null : pending.state().name()));
        values.add(nullable(pending == null ? null : pending.errorCode()));
        values.add(nullableLong(pending == null ? null : pending.settleAt().toEpochMilli()));
        values.add(store.creationDate().toEpochMilli());
        values.add(nullable(hsm == null ? null : hsm.clusterId()));
        values.add(nullable(hsm == null ? null : hsm.trustAnchorCertificate()));
        values.add(nullable(hsm == null ? null : hsm.keyStorePassword()));
        values.add(nullable(xks == null ? null : xks.connectivity().name()));
        values.add(nullable(xks == null ? null : xks.uriEndpoint()));
        values.add(nullable(xks == null ? null : xks.uriPath()));
        values.add(nullable(xks == null ? null : xks.vpcEndpointServiceName()));
        values.add(nullable(xks == null ? null : xks.vpcEndpointServiceOwner()));
        values.add(nullable(xks == null ? null : xks.accessKeyId()));
        values.add(nullable(xks == null ? null : xks.rawSecretAccessKey()));
        values.add(version);
        return values;
    }

    /** A typed SQL NULL, so that PostgreSQL knows the parameter type. */
    private static Object nullable(@Nullable String value) {
        return value == null ? new SqlParameterValue(Types.VARCHAR, null) : value;
    }

    private static Object nullableLong(@Nullable Long value) {
        return value == null ? new SqlParameterValue(Types.BIGINT, null) : value;
    }

    private static SandboxKeyStore map(ResultSet row, int rowNumber) throws SQLException {
        KeyStoreType type = KeyStoreType.valueOf(row.getString("store_type"));
        String pendingState = row.getString("pending_state");
        Pending pending = pendingState == null ? null : new Pending(ConnectionState.valueOf(pendingState),
                row.getString("pending_error_code"), Instant.ofEpochMilli(row.getLong("settle_at_millis")));
        CloudHsmSettings hsm = type == KeyStoreType.AWS_CLOUDHSM
                ? new CloudHsmSettings(row.getString("cloudhsm_cluster_id"), row.getString("trust_anchor_certificate"),
                        row.getString("key_store_password"))
                : null;
        XksSettings xks = type == KeyStoreType.EXTERNAL_KEY_STORE
                ? new XksSettings(XksConnectivity.valueOf(row.getString("xks_connectivity")),
                        row.getString("xks_uri_endpoint"), row.getString("xks_uri_path"),
                        row.getString("xks_vpc_endpoint_service_name"), row.getString("xks_vpc_endpoint_service_owner"),
                        row.getString("xks_access_key_id"), row.getString("xks_raw_secret_access_key"))
                : null;
        return new SandboxKeyStore(row.getString("account_id"), row.getString("id"), row.getString("region"),
                row.getString("name"), type, ConnectionState.valueOf(row.getString("connection_state")),
                row.getString("connection_error_code"), pending, Instant.ofEpochMilli(row.getLong("creation_millis")),
                hsm, xks, row.getLong("version"));
    }

}
