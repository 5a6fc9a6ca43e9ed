package com.cksconsole.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code approval_request} and {@code approval_decision} tables (V102). Every status
 * change is a conditional update from the status it expects, so two instances (or two
 * approvers) acting at once never both succeed.
 */
class ApprovalRequestRepository {

    private static final String COLUMNS = "id, change_json, change_hash, requester, reason, status, "
            + "required_approvals, approver_role, validity_minutes, any_operator_executes, created_at, approved_at, "
            + "expires_at, closed_by, closed_at, closed_note";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    ApprovalRequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApprovalRequest request) {
        var change = request.change();
        var requirement = request.requirement();
        jdbc.sql("insert into approval_request (id, target, store_id, subject, operations, change_json, "
                + "store_fingerprint, change_hash, execute_path, requester, reason, status, required_approvals, "
                + "approver_role, validity_minutes, any_operator_executes, created_at, expires_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(Arrays.<@Nullable Object>asList(request.id(), change.target(), change.storeId(), change.subject(),
                    operations(change.operations()), JSON.writeValueAsString(change), change.storeFingerprint(),
                    request.changeHash(), change.executePath(), request.requester(), request.reason(),
                    request.status().name(), requirement.approvers(), requirement.approverRole().name(),
                    (int) requirement.validity().toMinutes(), requirement.anyOperatorExecutes(),
                    Timestamp.from(request.createdAt()), Timestamp.from(request.expiresAt())))
            .update();
    }

    Optional<ApprovalRequest> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from approval_request where id = ?")
            .param(id)
            .query(this::request)
            .optional();
    }

    /** Requests in these states, newest first. */
    List<ApprovalRequest> withStatus(Set<ApprovalStatus> statuses, int limit) {
        return jdbc
            .sql("select " + COLUMNS + " from approval_request where status in (:statuses) "
                    + "order by created_at desc, id fetch first :limit rows only")
            .param("statuses", statuses.stream().map(Enum::name).toList())
            .param("limit", limit)
            .query(this::request)
            .list();
    }

    /**
     * The newest pending requests as far as who may answer them, with who answered: one
     * query (the header's count reads it on every page).
     */
    List<PendingAnswer> pendingAnswers(int limit) {
        List<AnswerRow> rows = jdbc
            .sql("select r.id, r.target, r.requester, r.approver_role, d.approver from approval_request r "
                    + "left join approval_decision d on d.request_id = r.id where r.id in (select id from "
                    + "approval_request where status = 'PENDING' order by created_at desc, id fetch first " + limit
                    + " rows only) order by r.created_at desc, r.id")
            .query((rs, row) -> new AnswerRow(rs.getString("id"), rs.getString("target"), rs.getString("requester"),
                    ApproverRole.valueOf(rs.getString("approver_role")), rs.getString("approver")))
            .list();
        var byRequest = new LinkedHashMap<String, List<AnswerRow>>();
        rows.forEach(row -> byRequest.computeIfAbsent(row.id(), id -> new ArrayList<>()).add(row));
        return byRequest.values().stream().map(group -> {
            AnswerRow first = group.get(0);
            Set<String> answeredBy = group.stream().<String>mapMulti((row, answered) -> {
                if (row.approver() != null) {
                    answered.accept(row.approver());
                }
            }).collect(Collectors.toSet());
            return new PendingAnswer(first.target(), first.requester(), first.role(), answeredBy);
        }).toList();
    }

    /** A pending request joined with one of its answers (none: a null approver). */
    private record AnswerRow(String id, String target, String requester, ApproverRole role, @Nullable String approver) {
    }

    /** The newest requests in any state. */
    List<ApprovalRequest> newest(int limit) {
        return jdbc
            .sql("select " + COLUMNS + " from approval_request order by created_at desc, id fetch first " + limit
                    + " rows only")
            .query(this::request)
            .list();
    }

    /** Open requests whose window ended at or before {@code now}. */
    List<String> pastTheirWindow(Instant now) {
        return jdbc.sql("select id from approval_request where status in ('PENDING', 'APPROVED') and expires_at <= ?")
            .param(Timestamp.from(now))
            .query(String.class)
            .list();
    }

    /**
     * Locks the request's row until the caller's transaction ends and returns its status
     * as of then: two decisions on one request (from two instances) are taken one after
     * the other, each counting the approvals the other committed.
     */
    Optional<ApprovalStatus> lockStatus(String id) {
        return jdbc.sql("select status from approval_request where id = ? for update")
            .param(id)
            .query((rs, row) -> ApprovalStatus.valueOf(rs.getString("status")))
            .optional();
    }

    /** How many approvers approved the request so far. */
    long approvals(String requestId) {
        return jdbc.sql("select count(*) from approval_decision where request_id = ? and approved = true")
            .param(requestId)
            .query(Long.class)
            .single();
    }

    /**
     * @return false when this approver had answered already
     */
    boolean addDecision(String requestId, ApprovalDecision decision) {
        try {
            jdbc.sql("insert into approval_decision (request_id, approver, approved, comment, decided_at) "
                    + "values (?, ?, ?, ?, ?)")
                .params(Arrays.<@Nullable Object>asList(requestId, decision.approver(), decision.approved(),
                        decision.comment(), Timestamp.from(decision.decidedAt())))
                .update();
            return true;
        }
        catch (DuplicateKeyException answeredAlready) {
            return false;
        }
    }

    /** PENDING to APPROVED: the execution window starts. */
    boolean approve(String id, Instant at, Instant expiresAt) {
        return jdbc
            .sql("update approval_request set status = 'APPROVED', approved_at = ?, expires_at = ? "
                    + "where id = ? and status = 'PENDING'")
            .params(Timestamp.from(at), Timestamp.from(expiresAt), id)
            .update() == 1;
    }

    /**
     * A move from one status to another that keeps the request open (EXECUTING and back).
     */
    boolean move(String id, ApprovalStatus from, ApprovalStatus to) {
        return jdbc.sql("update approval_request set status = ? where id = ? and status = ?")
            .params(to.name(), id, from.name())
            .update() == 1;
    }

    /** A move to a closed status, with who and why. */
    boolean close(String id, ApprovalStatus from, ApprovalStatus to, String by, Instant at, @Nullable String note) {
        return jdbc
            .sql("update approval_request set status = ?, closed_by = ?, closed_at = ?, closed_note = ? "
                    + "where id = ? and status = ?")
            .params(Arrays.<@Nullable Object>asList(to.name(), by, Timestamp.from(at), note, id, from.name()))
            .update() == 1;
    }

    private List<ApprovalDecision> decisions(String requestId) {
        return jdbc
            .sql("select approver, approved, comment, decided_at from approval_decision where request_id = ? "
                    + "order by decided_at, approver")
            .param(requestId)
            .query((rs, row) -> new ApprovalDecision(rs.getString("approver"), rs.getBoolean("approved"),
                    rs.getString("comment"), rs.getTimestamp("decided_at").toInstant()))
            .list();
    }

    private ApprovalRequest request(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        Timestamp approvedAt = rs.getTimestamp("approved_at");
        Timestamp closedAt = rs.getTimestamp("closed_at");
        return new ApprovalRequest(id, JSON.readValue(rs.getString("change_json"), ProposedChange.class),
                rs.getString("change_hash"), rs.getString("requester"), rs.getString("reason"),
                ApprovalStatus.valueOf(rs.getString("status")),
                new ApprovalRequirement(rs.getInt("required_approvals"),
                        ApproverRole.valueOf(rs.getString("approver_role")),
                        Duration.ofMinutes(rs.getInt("validity_minutes")), rs.getBoolean("any_operator_executes")),
                rs.getTimestamp("created_at").toInstant(), approvedAt == null ? null : approvedAt.toInstant(),
                rs.getTimestamp("expires_at").toInstant(), decisions(id), rs.getString("closed_by"),
                closedAt == null ? null : closedAt.toInstant(), rs.getString("closed_note"));
    }

    private static String operations(Set<ApprovalOperation> operations) {
        return operations.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

}
