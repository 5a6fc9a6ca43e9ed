package com.cksconsole.approval;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code approval_break_glass_grant} table (V102). */
class BreakGlassGrantRepository {

    private final JdbcClient jdbc;

    BreakGlassGrantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean holds(String username) {
        return jdbc.sql("select count(*) from approval_break_glass_grant where username = ?")
            .param(username)
            .query(Long.class)
            .single() > 0;
    }

    /**
     * @return false when the user held it already
     */
    boolean grant(String username, String grantedBy, Instant at) {
        try {
            return jdbc
                .sql("insert into approval_break_glass_grant (username, granted_by, granted_at) values (?, ?, ?)")
                .params(username, grantedBy, Timestamp.from(at))
                .update() == 1;
        }
        catch (DuplicateKeyException alreadyHeld) {
            return false;
        }
    }

    boolean revoke(String username) {
        return jdbc.sql("delete from approval_break_glass_grant where username = ?").param(username).update() == 1;
    }

    List<BreakGlassGrant> all() {
        return jdbc.sql("select username, granted_by, granted_at from approval_break_glass_grant order by username")
            .query((rs, row) -> new BreakGlassGrant(rs.getString("username"), rs.getString("granted_by"),
                    rs.getTimestamp("granted_at").toInstant()))
            .list();
    }

}
