package com.cksconsole.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The {@code approval_policy} table (V102). */
class ApprovalPolicyRepository {

    private static final String COLUMNS = "id, target, store_id, operations, approvers, approver_role, "
            + "validity_minutes, any_operator_executes, created_by, created_at";

    private final JdbcClient jdbc;

    ApprovalPolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ApprovalPolicy> all() {
        return jdbc.sql("select " + COLUMNS + " from approval_policy order by target, store_id nulls first, id")
            .query(ApprovalPolicyRepository::policy)
            .list();
    }

    /** The policies of a target (the store's own and the target-wide ones). */
    List<ApprovalPolicy> ofTarget(String target) {
        return jdbc.sql("select " + COLUMNS + " from approval_policy where target = ?")
            .param(target)
            .query(ApprovalPolicyRepository::policy)
            .list();
    }

    Optional<ApprovalPolicy> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from approval_policy where id = ?")
            .param(id)
            .query(ApprovalPolicyRepository::policy)
            .optional();
    }

    long insert(ApprovalPolicy policy) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into approval_policy (target, store_id, operations, approvers, approver_role, "
                + "validity_minutes, any_operator_executes, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(Arrays.<@Nullable Object>asList(policy.target(), policy.storeId(), names(policy),
                    policy.approvers(), policy.approverRole().name(), (int) policy.validity().toMinutes(),
                    policy.anyOperatorExecutes(), policy.createdBy(), Timestamp.from(policy.createdAt())))
            .update(keys, "id");
        return java.util.Objects.requireNonNull(keys.getKeyAs(Number.class), "the generated ID").longValue();
    }

    boolean delete(long id) {
        return jdbc.sql("delete from approval_policy where id = ?").param(id).update() == 1;
    }

    private static String names(ApprovalPolicy policy) {
        return EnumSet.copyOf(policy.operations()).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    static EnumSet<ApprovalOperation> operations(String names) {
        var operations = EnumSet.noneOf(ApprovalOperation.class);
        Arrays.stream(names.split(",")).map(ApprovalOperation::valueOf).forEach(operations::add);
        return operations;
    }

    private static ApprovalPolicy policy(ResultSet rs, int row) throws SQLException {
        return new ApprovalPolicy(rs.getLong("id"), rs.getString("target"), rs.getString("store_id"),
                operations(rs.getString("operations")), rs.getInt("approvers"),
                ApproverRole.valueOf(rs.getString("approver_role")), Duration.ofMinutes(rs.getInt("validity_minutes")),
                rs.getBoolean("any_operator_executes"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }

}
