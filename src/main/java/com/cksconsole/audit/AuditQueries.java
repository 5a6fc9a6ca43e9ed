package com.cksconsole.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the audit log. Pages use keyset pagination
 * ({@code seq < :cursor order by seq desc limit n+1}, never OFFSET) driven by one index
 * per filter (see the V20 migration); exports and the verification stream rows through a
 * JDBC cursor with a fetch size, so memory stays constant whatever the size of the log.
 */
class AuditQueries {

    static final int FETCH_SIZE = 500;

    private static final RowMapper<AuditEntry> ENTRY = (rs, n) -> {
        var outcome = AuditEventRepository.readOptional(rs, "o_");
        return new AuditEntry(AuditEvent.of(AuditEventRepository.read(rs, "")),
                outcome == null ? null : AuditEvent.of(outcome));
    };

    private static final String ENTRY_SELECT = "select " + AuditEventRepository.prefixed("p") + ", "
            + AuditEventRepository.aliased("o", "o_")
            + " from audit_event p left join audit_event o on o.entry_seq = p.seq and o.kind = 'OUTCOME'";

    private final JdbcClient jdbc;

    private final NamedParameterJdbcTemplate streaming;

    private final TransactionTemplate readOnly;

    AuditQueries(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = JdbcClient.create(dataSource);
        var template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(template);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * One page of entries, newest first, older than {@code before} (null: the newest).
     */
    AuditPage page(AuditFilter filter, @Nullable Long before, int limit) {
        var driver = Driver.of(filter);
        if (!driver.restrictTime(jdbc, filter)) {
            return new AuditPage(List.of(), null);
        }
        if (before != null) {
            driver.where(driver.column + " < :cursor", "cursor", before);
        }
        String sql = driver.sql() + " order by " + driver.column + " desc limit :limit";
        driver.params.put("limit", limit + 1);
        List<Long> seqs = jdbc.sql(sql).params(driver.params).query(Long.class).list();
        if (seqs.isEmpty()) {
            return new AuditPage(List.of(), null);
        }
        boolean more = seqs.size() > limit;
        var pageSeqs = more ? seqs.subList(0, limit) : seqs;
        var entries = jdbc.sql(ENTRY_SELECT + " where p.seq in (:seqs) order by p.seq desc")
            .param("seqs", pageSeqs)
            .query(ENTRY)
            .list();
        return new AuditPage(entries, more ? pageSeqs.get(pageSeqs.size() - 1) : null);
    }

    /**
     * The accounts and Regions the log's events name, for the search's lists (the same
     * SQL on H2 and PostgreSQL; each reads its own index of the V61.7 migration).
     */
    AuditTargetValues targetValues() {
        return new AuditTargetValues(distinct("target_account"), distinct("target_region"));
    }

    private List<String> distinct(String column) {
        return jdbc
            .sql("select distinct " + column + " from audit_event where " + column + " is not null order by " + column)
            .query(String.class)
            .list();
    }

    /**
     * The entry an event belongs to: the event itself, or for an OUTCOME the intent it
     * resolves.
     */
    Optional<AuditEntry> entryOf(String eventId) {
        return jdbc.sql(ENTRY_SELECT + " where p.seq = (select entry_seq from audit_event where event_id = :id)")
            .param("id", eventId)
            .query(ENTRY)
            .optional();
    }

    /**
     * Streams the rows of the entries matching the filter (intents with their outcomes),
     * in chain order.
     */
    void stream(AuditFilter filter, Consumer<AuditEventRow> sink) {
        String sql;
        Map<String, Object> params;
        if (filter.isEmpty()) {
            sql = "select " + AuditEventRepository.COLUMNS + " from audit_event order by seq";
            params = Map.of();
        }
        else {
            var driver = Driver.of(filter);
            if (!driver.restrictTime(jdbc, filter)) {
                return;
            }
            sql = "select " + AuditEventRepository.prefixed("r") + " from audit_event r where r.entry_seq in ("
                    + driver.sql() + ") order by r.seq";
            params = driver.params;
        }
        readOnly.executeWithoutResult(status -> streaming.query(sql, params,
                (RowCallbackHandler) rs -> sink.accept(AuditEventRepository.read(rs, ""))));
    }

    /** Streams every row up to {@code lastSeq}, in chain order (for the verification). */
    void streamChain(long lastSeq, RowCallbackHandler handler) {
        readOnly.executeWithoutResult(status -> streaming.query(
                "select " + AuditEventRepository.COLUMNS + " from audit_event where seq <= :last order by seq",
                Map.of("last", lastSeq), handler));
    }

    /**
     * The chain head and the highest stored seq, read in one statement (one snapshot).
     */
    HeadState head() {
        return jdbc
            .sql("select h.last_seq, h.last_hash, (select max(seq) from audit_event), h.last_link, "
                    + "h.keyed_from from audit_chain_head h where h.id = 1")
            .query((rs, n) -> new HeadState(rs.getLong(1), rs.getString(2), nullableLong(rs, 3), rs.getString(4),
                    rs.getLong(5)))
            .single();
    }

    private static @Nullable Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    record HeadState(long lastSeq, String lastHash, @Nullable Long maxStoredSeq, @Nullable String lastLink,
            long keyedFrom) {
    }

    /**
     * The query that finds the entries of a filter, driven from the index that serves it:
     * the open-intent list for PENDING, the (outcome, entry_seq) index for a final
     * outcome, else the entry rows themselves.
     */
    private static final class Driver {

        private final StringBuilder sql;

        private final String column;

        private final Map<String, Object> params = new HashMap<>();

        private Driver(String select, String column) {
            this.sql = new StringBuilder(select);
            this.column = column;
        }

        static Driver of(AuditFilter filter) {
            Driver driver;
            if (filter.outcome() == AuditOutcome.PENDING) {
                driver = new Driver("select x.intent_seq from audit_open_intent x join audit_event p on p.seq = "
                        + "x.intent_seq where 1 = 1", "x.intent_seq");
            }
            else if (filter.outcome() != null) {
                driver = new Driver("select x.entry_seq from audit_event x join audit_event p on p.seq = x.entry_seq "
                        + "where x.outcome = :outcome", "x.entry_seq");
                driver.params.put("outcome", filter.outcome().name());
            }
            else {
                driver = new Driver("select p.seq from audit_event p where p.kind <> 'OUTCOME'", "p.seq");
            }
            if (filter.actor() != null) {
                // A single-sign-on actor is recorded as "<provider>:<sub> (<display
                // name>)": its identity alone finds its events too, whatever name it went
                // by (docs/sso.md).
                driver.where("(p.actor = :actor or p.actor like :actorNamed escape '!')", "actor", filter.actor());
                driver.params.put("actorNamed", likeLiteral(filter.actor()) + " (%");
            }
            if (filter.action() != null) {
                driver.where("p.action = :action", "action", filter.action().name());
            }
            if (filter.storeId() != null) {
                // A create's intent has no store ID (KMS issues it in the answer); its
                // outcome names the new store.
                driver.where(
                        "(p.target_store_id = :store or exists (select 1 from audit_event o where o.entry_seq "
                                + "= p.seq and o.kind = 'OUTCOME' and o.target_store_id = :store))",
                        "store", filter.storeId());
            }
            if (filter.accountId() != null) {
                driver.where("p.target_account = :account", "account", filter.accountId());
            }
            if (filter.region() != null) {
                driver.where("p.target_region = :region", "region", filter.region());
            }
            return driver;
        }

        /**
         * The text as a LIKE pattern matching itself only (escape character {@code !}).
         */
        static String likeLiteral(String text) {
            return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        }

        void where(String condition, String name, Object value) {
            sql.append(" and ").append(condition);
            params.put(name, value);
        }

        /**
         * Adds the time range as a seq range (time never decreases along the chain, so
         * the two are the same; a seq range is what every index can use). False when no
         * event lies in the range.
         */
        boolean restrictTime(JdbcClient jdbc, AuditFilter filter) {
            if (filter.from() != null) {
                var lo = jdbc
                    .sql("select seq from audit_event where occurred_at >= :from "
                            + "order by occurred_at, seq limit 1")
                    .param("from", AuditEventRepository.utc(filter.from()))
                    .query(Long.class)
                    .optional();
                if (lo.isEmpty()) {
                    return false;
                }
                where("p.seq >= :lo", "lo", lo.get());
            }
            if (filter.to() != null) {
                var hi = jdbc
                    .sql("select seq from audit_event where occurred_at < :to "
                            + "order by occurred_at desc, seq desc limit 1")
                    .param("to", AuditEventRepository.utc(filter.to()))
                    .query(Long.class)
                    .optional();
                if (hi.isEmpty()) {
                    return false;
                }
                where("p.seq <= :hi", "hi", hi.get());
            }
            return true;
        }

        String sql() {
            return sql.toString();
        }

    }

}
