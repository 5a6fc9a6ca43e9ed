package com.cksconsole.security.accounts;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.cksconsole.targets.TargetName;

/**
 * Users' roles per target in the {@code user_target_grant} table (V62): at most one role
 * per user and target. Every change of a user's grants increments their
 * {@code session_version} in the same transaction, which ends their sessions at their
 * next request: rights take effect at once, as for a change of global roles.
 */
@Repository
public class TargetGrantRepository {

    private static final RowMapper<TargetGrant> ROW_MAPPER = (rs, rowNum) -> new TargetGrant(
            new TargetName(rs.getString("target_name")), Role.valueOf(rs.getString("granted_role")));

    private final JdbcClient jdbc;

    private final Clock clock;

    public TargetGrantRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The user's grants, by target name (none for an unknown user). */
    public List<TargetGrant> grantsOf(String username) {
        return jdbc
            .sql("select target_name, granted_role from user_target_grant where username = :username "
                    + "order by target_name")
            .param("username", username)
            .query(ROW_MAPPER)
            .list();
    }

    /**
     * The user's grants, with the user's row locked until the end of the transaction: two
     * concurrent changes (on any console instance) cannot both take away "the other" last
     * right of a user without a global role.
     */
    @Transactional
    public List<TargetGrant> lockUserAndReadGrants(String username) {
        jdbc.sql("select username from console_user where username = :username for update")
            .param("username", username)
            .query(String.class)
            .optional();
        return grantsOf(username);
    }

    /** Every user's grants, by user name (users without a grant are absent). */
    public Map<String, List<TargetGrant>> grantsByUser() {
        var byUser = new TreeMap<String, List<TargetGrant>>();
        jdbc.sql("select username, target_name, granted_role from user_target_grant order by username, target_name")
            .query(rs -> {
                byUser.computeIfAbsent(rs.getString("username"), name -> new ArrayList<>())
                    .add(ROW_MAPPER.mapRow(rs, rs.getRow()));
            });
        byUser.replaceAll((name, grants) -> List.copyOf(grants));
        return byUser;
    }

    /**
     * Gives the user this role on the target, replacing the role they had there. Returns
     * the role they had before (empty: none); when it is the same, nothing changes and
     * the user's sessions go on.
     */
    @Transactional
    public Optional<Role> grant(String username, TargetGrant grant, String grantedBy) {
        Optional<Role> before = jdbc
            .sql("select granted_role from user_target_grant where username = :username and target_name = :target")
            .param("username", username)
            .param("target", grant.target().value())
            .query((rs, rowNum) -> Role.valueOf(rs.getString("granted_role")))
            .optional();
        if (before.filter(role -> role == grant.role()).isPresent()) {
            return before;
        }
        if (before.isPresent()) {
            jdbc.sql("""
                    update user_target_grant set granted_role = :role, granted_at = :now, granted_by = :by
                    where username = :username and target_name = :target
                    """)
                .param("role", grant.role().name())
                .param("now", now())
                .param("by", grantedBy)
                .param("username", username)
                .param("target", grant.target().value())
                .update();
        }
        else {
            // A concurrent grant of the same target fails on the primary key
            // (DuplicateKeyException) and rolls back.
            jdbc.sql("""
                    insert into user_target_grant (username, target_name, granted_role, granted_at, granted_by)
                    values (:username, :target, :role, :now, :by)
                    """)
                .param("username", username)
                .param("target", grant.target().value())
                .param("role", grant.role().name())
                .param("now", now())
                .param("by", grantedBy)
                .update();
        }
        endSessions(username);
        return before;
    }

    /**
     * Takes the user's grant on the target away. Returns the role they had there (empty:
     * none, and nothing changed).
     */
    @Transactional
    public Optional<Role> revoke(String username, TargetName target) {
        Optional<Role> before = jdbc
            .sql("select granted_role from user_target_grant where username = :username and target_name = :target")
            .param("username", username)
            .param("target", target.value())
            .query((rs, rowNum) -> Role.valueOf(rs.getString("granted_role")))
            .optional();
        if (before.isEmpty()) {
            return before;
        }
        jdbc.sql("delete from user_target_grant where username = :username and target_name = :target")
            .param("username", username)
            .param("target", target.value())
            .update();
        endSessions(username);
        return before;
    }

    private void endSessions(String username) {
        jdbc.sql("""
                update console_user set session_version = session_version + 1, updated_at = :now
                where username = :username
                """).param("now", now()).param("username", username).update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

}
