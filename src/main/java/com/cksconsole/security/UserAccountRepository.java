package com.cksconsole.security;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Console users in the {@code console_user} table (plain JDBC: the schema is Flyway's). */
@Repository
class UserAccountRepository {

    private static final RowMapper<UserAccount> ROW_MAPPER = (rs, rowNum) -> new UserAccount(
            rs.getString("username"),
            rs.getString("password_hash"),
            Arrays.stream(rs.getString("roles").split(","))
                    .filter(s -> !s.isBlank())
                    .map(Role::valueOf)
                    .collect(Collectors.toSet()),
            rs.getBoolean("enabled"),
            rs.getBoolean("must_change_password"));

    private final JdbcClient jdbc;
    private final Clock clock;

    UserAccountRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("select * from console_user where username = :username")
                .param("username", username)
                .query(ROW_MAPPER)
                .optional();
    }

    long count() {
        return jdbc.sql("select count(*) from console_user").query(Long.class).single();
    }

    /** Inserts a new user; fails with a {@code DuplicateKeyException} when the name is taken. */
    void insert(UserAccount account) {
        jdbc.sql("""
                insert into console_user (username, password_hash, roles, enabled, must_change_password, created_at)
                values (:username, :hash, :roles, :enabled, :mustChange, :createdAt)
                """)
                .param("username", account.username())
                .param("hash", account.passwordHash())
                .param("roles", account.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")))
                .param("enabled", account.enabled())
                .param("mustChange", account.mustChangePassword())
                .param("createdAt", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .update();
    }

    /** Replaces the password hash and clears the must-change flag. */
    void updatePassword(String username, String passwordHash) {
        jdbc.sql("""
                update console_user set password_hash = :hash, must_change_password = false
                where username = :username
                """)
                .param("hash", passwordHash)
                .param("username", username)
                .update();
    }
}
