package com.cksconsole.approval.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalPolicy;
import com.cksconsole.approval.ApproverRole;

/**
 * A new approval policy as the ADMIN typed it. The validity is in minutes: the shortest
 * window (5 minutes) is not a whole number of hours, and one unit keeps the boundaries
 * plain; the page says how many hours or days it is. The bounds are
 * {@link ApprovalPolicy}'s, which refuses anything else anyway.
 */
record PolicyForm(@NotBlank(message = "Choose the target the policy applies to.") @Nullable String target,
        @Pattern(regexp = "(cks-[0-9a-f]{17})?",
                message = "A custom key store ID is cks- and 17 digits or letters a to f, or leave it empty for "
                        + "every store of the target.") @Nullable String storeId,
        @NotEmpty(
                message = "Choose at least one operation that needs approval.") @Nullable Set<ApprovalOperation> operations,
        @NotNull(message = APPROVERS_RULE) @Min(value = ApprovalPolicy.MIN_APPROVERS, message = APPROVERS_RULE) @Max(
                value = ApprovalPolicy.MAX_APPROVERS, message = APPROVERS_RULE) @Nullable Integer approvers,
        @NotNull(message = "Choose the role an approver must hold.") @Nullable ApproverRole approverRole,
        @NotNull(message = VALIDITY_RULE) @Min(value = MIN_VALIDITY_MINUTES, message = VALIDITY_RULE) @Max(
                value = MAX_VALIDITY_MINUTES, message = VALIDITY_RULE) @Nullable Integer validityMinutes,
        @Nullable Boolean anyOperatorExecutes) {

    static final String NAME = "policy";

    static final String[] ALLOWED_FIELDS = { "target", "storeId", "operations", "approvers", "approverRole",
            "validityMinutes", "anyOperatorExecutes" };

    static final String APPROVERS_RULE = "An approval needs 1 or 2 approvers.";

    static final long MIN_VALIDITY_MINUTES = 5;

    static final long MAX_VALIDITY_MINUTES = 7 * 24 * 60;

    static final String VALIDITY_RULE = "An approval is valid for 5 to 10080 minutes (7 days).";

    static PolicyForm empty() {
        return new PolicyForm("", "", Set.of(), ApprovalPolicy.MIN_APPROVERS, ApproverRole.OPERATOR,
                (int) ApprovalPolicy.DEFAULT_VALIDITY.toMinutes(), false);
    }

    /**
     * The form as far as it can be read from the request's values, each unreadable one
     * left empty (its conversion error is reported next to it).
     */
    static PolicyForm asTyped(MultiValueMap<String, String> typed) {
        var operations = EnumSet.noneOf(ApprovalOperation.class);
        for (String name : typed.getOrDefault("operations", List.of())) {
            constant(ApprovalOperation.class, name).ifPresent(operations::add);
        }
        return new PolicyForm(typed.getFirst("target"), typed.getFirst("storeId"), operations,
                number(typed.getFirst("approvers")),
                constant(ApproverRole.class, typed.getFirst("approverRole")).orElse(null),
                number(typed.getFirst("validityMinutes")), "true".equals(typed.getFirst("anyOperatorExecutes")));
    }

    private static @Nullable Integer number(@Nullable String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        }
        catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static <E extends Enum<E>> Optional<E> constant(Class<E> type, @Nullable String name) {
        try {
            return name == null ? Optional.empty() : Optional.of(Enum.valueOf(type, name));
        }
        catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /**
     * Whether the box was ticked (a browser sends nothing for an unticked one: a missing
     * value must not fail the binding).
     */
    boolean anyOperator() {
        return Boolean.TRUE.equals(anyOperatorExecutes);
    }

    /** The store ID typed, or null for every store of the target. */
    @Nullable String store() {
        return storeId == null || storeId.isBlank() ? null : storeId.strip();
    }

}
