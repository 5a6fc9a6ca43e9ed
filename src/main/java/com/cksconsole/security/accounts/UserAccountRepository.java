package com.cksconsole.security.accounts;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Console users in the {@code console_user} table (plain JDBC: the schema is Flyway's).
 */
@Repository
public class UserAccountRepository {

    private static final RowMapper<UserAccount> ROW_MAPPER = (rs, rowNum) -> new UserAccount(rs.getString("username"),
            rs.getString("password_hash"),
            Arrays.stream(rs.getString("roles").split(","))
                .filter(s -> !s.isBlank())
                .map(Role::valueOf)
                .collect(Collectors.toSet()),
            rs.getBoolean("enabled"), rs.getBoolean("must_change_password"), rs.getLong("session_version"));

    private final JdbcClient jdbc;

    private final Clock clock;

    public UserAccountRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("select * from console_user where username = :username")
            .param("username", username)
            .query(ROW_MAPPER)
            .optional();
    }

    public List<UserAccount> findAll() {
        return jdbc.sql("select * from console_user order by username").query(ROW_MAPPER).list();
    }

    /**
     * The enabled administrators, locked until the end of the transaction, so that two
     * concurrent changes (on any console instance) cannot both remove "the other" last
     * administrator.
     */
    public List<String> lockEnabledAdministrators() {
        return jdbc.sql("select * from console_user where enabled = true for update")
            .query(ROW_MAPPER)
            .list()
            .stream()
            .filter(account -> account.roles().contains(Role.ADMIN))
            .map(UserAccount::username)
            .toList();
    }

    public long count() {
        return jdbc.sql("select count(*) from console_user").query(Long.class).single();
    }

    /**
     * Inserts a new user; fails with a {@code DuplicateKeyException} when the name is
     * taken.
     */
    public void insert(UserAccount account) {
        jdbc.sql("""
                insert into console_user (username, password_hash, roles, enabled, must_change_password, created_at)
                values (:username, :hash, :roles, :enabled, :mustChange, :createdAt)
                """)
            .param("username", account.username())
            .param("hash", account.passwordHash())
            .param("roles", joined(account.roles()))
            .param("enabled", account.enabled())
            .param("mustChange", account.mustChangePassword())
            .param("createdAt", now())
            .update();
    }

    /**
     * Replaces the password hash and clears the must-change flag (the user chose it).
     * Returns the new session version, read in the same transaction (the update holds the
     * row lock), so that the caller can keep its own session valid without also keeping
     * one that a concurrent change meant to end.
     */
    @Transactional
    public long updatePassword(String username, String passwordHash) {
        setPassword(username, passwordHash, false);
        return jdbc.sql("select session_version from console_user where username = :username")
            .param("username", username)
            .query(Long.class)
            .single();
    }

    /**
     * Replaces the password hash set by an administrator: the user must change it at the
     * next sign-in.
     */
    public void resetPassword(String username, String passwordHash) {
        setPassword(username, passwordHash, true);
    }

    // Each change of a password or of rights ends the user's sessions: it increments
    // session_version (saving the
    // roles or the enabled flag unchanged does not).

    private void setPassword(String username, String passwordHash, boolean mustChange) {
        jdbc.sql("""
                update console_user set password_hash = :hash, must_change_password = :mustChange, updated_at = :now,
                       session_version = session_version + 1
                where username = :username
                """)
            .param("hash", passwordHash)
            .param("mustChange", mustChange)
            .param("now", now())
            .param("username", username)
            .update();
    }

    public void setEnabled(String username, boolean enabled) {
        jdbc.sql("""
                update console_user set enabled = :enabled, updated_at = :now,
                       session_version = case when enabled = :enabled then session_version else session_version + 1 end
                where username = :username
                """).param("enabled", enabled).param("now", now()).param("username", username).update();
    }

    public void setRoles(String username, Set<Role> roles) {
        jdbc.sql("""
                update console_user set roles = :roles, updated_at = :now,
                       session_version = case when roles = :roles then session_version else session_version + 1 end
                where username = :username
                """).param("roles", joined(roles)).param("now", now()).param("username", username).update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String joined(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

}
