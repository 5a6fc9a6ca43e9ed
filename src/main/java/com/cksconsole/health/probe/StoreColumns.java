package com.cksconsole.health.probe;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * How the health tables keep a store ({@code account_id}, {@code region},
 * {@code store_id}; an unconfigured account is the empty string) and instants.
 */
final class StoreColumns {

    static final String WHERE = "account_id = ? and region = ? and store_id = ?";

    private StoreColumns() {
    }

    static String account(KmsTarget target) {
        var account = target.accountId();
        return account == null ? "" : account;
    }

    static KeyStoreRef store(ResultSet rs) throws SQLException {
        String account = rs.getString("account_id");
        return new KeyStoreRef(new KmsTarget(account.isEmpty() ? null : account, rs.getString("region")),
                rs.getString("store_id"));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static @Nullable OffsetDateTime utcOrNull(@Nullable Instant instant) {
        return instant == null ? null : utc(instant);
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        if (value != null) {
            return value.toInstant();
        }
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static @Nullable Long bigint(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static @Nullable String clip(@Nullable String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

}
