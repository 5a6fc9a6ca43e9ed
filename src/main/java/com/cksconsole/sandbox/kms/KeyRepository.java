package com.cksconsole.sandbox.kms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sandbox's KMS keys, aliases and tags, through plain JDBC. Callers hold the
 * transaction and the Region lock ({@link RegionTransactions#inRegion}). Lists are sorted
 * here, not by the database, so that H2 and PostgreSQL (whose collations differ) page
 * alike.
 */
final class KeyRepository {

    private static final String COLUMNS = "account_id, region, key_id, custom_key_store_id, origin, key_state, "
            + "description, creation_millis, deletion_millis, xks_key_id";

    /** Creation order, then key ID: stable across pages (ListKeys). */
    static final Comparator<SandboxKey> ORDER = Comparator
        .comparing((SandboxKey key) -> key.creationDate().toEpochMilli())
        .thenComparing(SandboxKey::keyId);

    /** One alias (ListAliases). */
    record Alias(String aliasName, String keyId, Instant creationDate, Instant lastUpdatedDate) {
    }

    private final JdbcClient jdbc;

    KeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Deletes the keys whose waiting period has ended, with their aliases and tags (KMS
     * API Reference, ScheduleKeyDeletion).
     */
    void purgeDeleted(AccountRegion region, Instant now) {
        List<String> due = jdbc
            .sql("select key_id from sandbox_kms_key where account_id = ? and region = ? and deletion_millis <= ?")
            .params(region.accountId(), region.region(), now.toEpochMilli())
            .query(String.class)
            .list();
        due.forEach(keyId -> delete(region, keyId));
    }

    private void delete(AccountRegion region, String keyId) {
        for (String table : List.of("sandbox_kms_alias", "sandbox_kms_key_tag", "sandbox_kms_key")) {
            jdbc.sql("delete from " + table + " where account_id = ? and region = ? and key_id = ?")
                .params(region.accountId(), region.region(), keyId)
                .update();
        }
    }

    List<SandboxKey> findAll(AccountRegion region) {
        return jdbc.sql("select " + COLUMNS + " from sandbox_kms_key where account_id = ? and region = ?")
            .params(region.accountId(), region.region())
            .query(KeyRepository::map)
            .list()
            .stream()
            .sorted(ORDER)
            .toList();
    }

    Optional<SandboxKey> find(AccountRegion region, String keyId) {
        return jdbc
            .sql("select " + COLUMNS + " from sandbox_kms_key where account_id = ? and region = ? and key_id = ?")
            .params(region.accountId(), region.region(), keyId)
            .query(KeyRepository::map)
            .optional();
    }

    /** Keys of one store in every state, also those pending deletion. */
    List<SandboxKey> findByStore(AccountRegion region, String customKeyStoreId) {
        return jdbc
            .sql("select " + COLUMNS + " from sandbox_kms_key where account_id = ? and region = ? "
                    + "and custom_key_store_id = ?")
            .params(region.accountId(), region.region(), customKeyStoreId)
            .query(KeyRepository::map)
            .list()
            .stream()
            .sorted(ORDER)
            .toList();
    }

    void insert(SandboxKey key) {
        jdbc.sql("insert into sandbox_kms_key (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(key.accountId(), key.region(), key.keyId(), key.customKeyStoreId(), key.origin(),
                    key.state().name(), key.description(), key.creationDate().toEpochMilli(),
                    nullableLong(key.deletionDate() == null ? null : key.deletionDate().toEpochMilli()),
                    nullable(key.xksKeyId()))
            .update();
    }

    void update(SandboxKey key) {
        jdbc.sql("update sandbox_kms_key set key_state = ?, description = ?, deletion_millis = ? "
                + "where account_id = ? and region = ? and key_id = ?")
            .params(key.state().name(), key.description(),
                    nullableLong(key.deletionDate() == null ? null : key.deletionDate().toEpochMilli()),
                    key.accountId(), key.region(), key.keyId())
            .update();
    }

    /** Aliases in creation order, then name. */
    List<Alias> aliases(AccountRegion region) {
        return jdbc
            .sql("select alias_name, key_id, creation_millis, updated_millis from sandbox_kms_alias "
                    + "where account_id = ? and region = ?")
            .params(region.accountId(), region.region())
            .query((row, number) -> new Alias(row.getString(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3)),
                    Instant.ofEpochMilli(row.getLong(4))))
            .list()
            .stream()
            .sorted(Comparator.comparing((Alias alias) -> alias.creationDate().toEpochMilli())
                .thenComparing(Alias::aliasName))
            .toList();
    }

    Optional<Alias> alias(AccountRegion region, String aliasName) {
        return aliases(region).stream().filter(alias -> alias.aliasName().equals(aliasName)).findFirst();
    }

    void insertAlias(AccountRegion region, Alias alias) {
        jdbc.sql("insert into sandbox_kms_alias (account_id, region, alias_name, key_id, creation_millis, "
                + "updated_millis) values (?, ?, ?, ?, ?, ?)")
            .params(region.accountId(), region.region(), alias.aliasName(), alias.keyId(),
                    alias.creationDate().toEpochMilli(), alias.lastUpdatedDate().toEpochMilli())
            .update();
    }

    void deleteAlias(AccountRegion region, String aliasName) {
        jdbc.sql("delete from sandbox_kms_alias where account_id = ? and region = ? and alias_name = ?")
            .params(region.accountId(), region.region(), aliasName)
            .update();
    }

    /** A key's tags by tag key, sorted by tag key (code point order). */
    Map<String, String> tags(AccountRegion region, String keyId) {
        Map<String, String> tags = new LinkedHashMap<>();
        jdbc.sql("select tag_key, tag_value from sandbox_kms_key_tag where account_id = ? and region = ? "
                + "and key_id = ?")
            .params(region.accountId(), region.region(), keyId)
            .query((row, number) -> Map.entry(row.getString(1), row.getString(2)))
            .list()
            .stream()
            .sorted(Map.Entry.comparingByKey())
            .forEach(entry -> tags.put(entry.getKey(), entry.getValue()));
        return tags;
    }

    /** Replaces a key's tags with {@code tags}. */
    void replaceTags(AccountRegion region, String keyId, Map<String, String> tags) {
        jdbc.sql("delete from sandbox_kms_key_tag where account_id = ? and region = ? and key_id = ?")
            .params(region.accountId(), region.region(), keyId)
            .update();
        tags.forEach((tagKey, value) -> jdbc
            .sql("insert into sandbox_kms_key_tag (account_id, region, key_id, tag_key, tag_value) "
                    + "values (?, ?, ?, ?, ?)")
            .params(region.accountId(), region.region(), keyId, tagKey, value)
            .update());
    }

    private static Object nullable(@Nullable String value) {
        return value == null ? new SqlParameterValue(Types.VARCHAR, null) : value;
    }

    private static Object nullableLong(@Nullable Long value) {
        return value == null ? new SqlParameterValue(Types.BIGINT, null) : value;
    }

    private static SandboxKey map(ResultSet row, int rowNumber) throws SQLException {
        long deletion = row.getLong("deletion_millis");
        Instant deletionDate = row.wasNull() ? null : Instant.ofEpochMilli(deletion);
        return new SandboxKey(row.getString("account_id"), row.getString("region"), row.getString("key_id"),
                row.getString("custom_key_store_id"), row.getString("origin"),
                SandboxKey.State.valueOf(row.getString("key_state")), row.getString("description"),
                Instant.ofEpochMilli(row.getLong("creation_millis")), deletionDate, row.getString("xks_key_id"));
    }

}
