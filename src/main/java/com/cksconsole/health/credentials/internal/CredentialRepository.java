package com.cksconsole.health.credentials.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.health.credentials.internal.EnvelopeCipher.Sealed;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/** The {@code monitoring_credential} table (plain JDBC: the schema is Flyway's). */
public class CredentialRepository {

    private final JdbcClient jdbc;

    public CredentialRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the row, replacing the store's earlier credential if any. */
    public void replace(CredentialRow row) {
        delete(row.store());
        jdbc.sql("""
                insert into monitoring_credential (account_id, region, key_store_id, access_key_id,
                    encrypted_data_key, kek_id, iv, ciphertext, created_at, created_by)
                values (:account, :region, :store, :accessKeyId, :dataKey, :kek, :iv, :ciphertext, :createdAt,
                    :createdBy)
                """)
            .param("account", account(row.store()))
            .param("region", row.store().target().region())
            .param("store", row.store().keyStoreId())
            .param("accessKeyId", row.accessKeyId())
            .param("dataKey", row.sealed().encryptedDataKey())
            .param("kek", row.sealed().kekId())
            .param("iv", row.sealed().iv())
            .param("ciphertext", row.sealed().ciphertext())
            .param("createdAt", row.createdAt().atOffset(ZoneOffset.UTC))
            .param("createdBy", row.createdBy())
            .update();
    }

    public Optional<CredentialRow> find(KeyStoreRef store) {
        return jdbc.sql("""
                select * from monitoring_credential
                where account_id = :account and region = :region and key_store_id = :store
                """)
            .param("account", account(store))
            .param("region", store.target().region())
            .param("store", store.keyStoreId())
            .query(CredentialRepository::map)
            .optional();
    }

    /** Whether there was a row to delete. */
    public boolean delete(KeyStoreRef store) {
        return jdbc.sql("""
                delete from monitoring_credential
                where account_id = :account and region = :region and key_store_id = :store
                """)
            .param("account", account(store))
            .param("region", store.target().region())
            .param("store", store.keyStoreId())
            .update() == 1;
    }

    /** Every row not yet under {@code kekId}, for a rotation. */
    public List<CredentialRow> notUnder(String kekId) {
        return jdbc
            .sql("select * from monitoring_credential where kek_id <> :kek order by account_id, region, "
                    + "key_store_id")
            .param("kek", kekId)
            .query(CredentialRepository::map)
            .list();
    }

    public int count() {
        return jdbc.sql("select count(*) from monitoring_credential").query(Integer.class).single();
    }

    /**
     * Replaces the encrypted data key of one row if the row is still the one that was
     * read (same access key ID, same KEK and data key): a credential replaced meanwhile
     * is already under the current KEK and must not be overwritten. False when it was.
     */
    public boolean rewrap(CredentialRow read, Sealed rewrapped) {
        return jdbc.sql("""
                update monitoring_credential set encrypted_data_key = :newDataKey, kek_id = :newKek
                where account_id = :account and region = :region and key_store_id = :store
                    and access_key_id = :accessKeyId and kek_id = :oldKek and encrypted_data_key = :oldDataKey
                """)
            .param("newDataKey", rewrapped.encryptedDataKey())
            .param("newKek", rewrapped.kekId())
            .param("account", account(read.store()))
            .param("region", read.store().target().region())
            .param("store", read.store().keyStoreId())
            .param("accessKeyId", read.accessKeyId())
            .param("oldKek", read.sealed().kekId())
            .param("oldDataKey", read.sealed().encryptedDataKey())
            .update() == 1;
    }

    private static String account(KeyStoreRef store) {
        return Objects.requireNonNull(store.target().accountId(),
                "A monitoring credential belongs to a store of a known account");
    }

    private static CredentialRow map(ResultSet rs, int rowNum) throws SQLException {
        var store = new KeyStoreRef(new KmsTarget(rs.getString("account_id"), rs.getString("region")),
                rs.getString("key_store_id"));
        var sealed = new Sealed(rs.getString("encrypted_data_key"), rs.getString("kek_id"), rs.getString("iv"),
                rs.getString("ciphertext"));
        return new CredentialRow(store, rs.getString("access_key_id"), sealed, instant(rs, "created_at"),
                rs.getString("created_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        if (value != null) {
            return value.toInstant();
        }
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp.toInstant();
    }

}
