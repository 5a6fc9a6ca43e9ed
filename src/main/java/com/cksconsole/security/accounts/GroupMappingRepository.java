package com.cksconsole.security.accounts;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.cksconsole.targets.TargetName;

/**
 * The single-sign-on group mappings ({@code sso_group_mapping}, V104). Nothing is cached:
 * every instance reads the table at each sign-in and each request of a single-sign-on
 * session, so a change takes effect at the user's next request, wherever it lands.
 */
@Repository
public class GroupMappingRepository {

    /**
     * Stored for a console-wide mapping (the column is not null, so that the unique key
     * holds).
     */
    static final String CONSOLE_WIDE = "";

    private static final RowMapper<GroupMapping> ROW_MAPPER = (rs, rowNum) -> {
        String target = rs.getString("target_name");
        return new GroupMapping(rs.getLong("id"), rs.getString("provider"), rs.getString("group_name"),
                target == null || target.isEmpty() ? null : new TargetName(target),
                Role.valueOf(rs.getString("mapped_role")), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    };

    private final JdbcClient jdbc;

    private final Clock clock;

    public GroupMappingRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The mappings of one provider (one indexed query; read at every SSO request). */
    public List<GroupMapping> forProvider(String provider) {
        return jdbc.sql("""
                select id, provider, group_name, target_name, mapped_role, created_by, created_at
                from sso_group_mapping where provider = :provider order by id
                """).param("provider", provider).query(ROW_MAPPER).list();
    }

    /** Every mapping, by provider, group, then target. */
    public List<GroupMapping> all() {
        return jdbc.sql("""
                select id, provider, group_name, target_name, mapped_role, created_by, created_at
                from sso_group_mapping order by provider, group_name, target_name, mapped_role
                """).query(ROW_MAPPER).list();
    }

    public Optional<GroupMapping> find(long id) {
        return jdbc.sql("""
                select id, provider, group_name, target_name, mapped_role, created_by, created_at
                from sso_group_mapping where id = :id
                """).param("id", id).query(ROW_MAPPER).optional();
    }

    /**
     * Adds the mapping; empty when the same one exists already (the unique key decides,
     * also between two instances adding it at once).
     */
    @Transactional
    public Optional<GroupMapping> add(String provider, String group, Optional<TargetName> target, Role role,
            String createdBy) {
        var now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        // Checked before it is stored: a per-target ADMIN or AUDITOR is refused here too.
        new GroupMapping(0, provider, group, target.orElse(null), role, createdBy, now.toInstant());
        try {
            jdbc.sql(
                    """
                            insert into sso_group_mapping (provider, group_name, target_name, mapped_role, created_at, created_by)
                            values (:provider, :group, :target, :role, :now, :by)
                            """)
                .param("provider", provider)
                .param("group", group)
                .param("target", target.map(TargetName::value).orElse(CONSOLE_WIDE))
                .param("role", role.name())
                .param("now", now)
                .param("by", createdBy)
                .update();
        }
        catch (DuplicateKeyException exists) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select id, provider, group_name, target_name, mapped_role, created_by, created_at
                from sso_group_mapping
                where provider = :provider and group_name = :group and target_name = :target and mapped_role = :role
                """)
            .param("provider", provider)
            .param("group", group)
            .param("target", target.map(TargetName::value).orElse(CONSOLE_WIDE))
            .param("role", role.name())
            .query(ROW_MAPPER)
            .optional();
    }

    /** Removes the mapping; what was removed (empty: it was already gone). */
    @Transactional
    public Optional<GroupMapping> remove(long id) {
        var found = find(id);
        found.ifPresent(mapping -> jdbc.sql("delete from sso_group_mapping where id = :id").param("id", id).update());
        return found;
    }

}
