package com.cksconsole.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a policy may ask for: 1 or 2 approvers, 5 minutes to 7 days, some operation. */
class ApprovalPolicyTest {

    static ApprovalPolicy policy(Set<ApprovalOperation> operations, int approvers, Duration validity) {
        return new ApprovalPolicy(0, "prod", null, operations, approvers, ApproverRole.OPERATOR, validity, false, "ada",
                Instant.EPOCH);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2 })
    void aPolicyAsksForOneOrTwoApprovers(int approvers) {
        assertThat(policy(Set.of(ApprovalOperation.DELETE), approvers, Duration.ofHours(24)).approvers())
            .isEqualTo(approvers);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 3, -1 })
    void noneOrMoreThanTwoApproversAreRefused(int approvers) {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> policy(Set.of(ApprovalOperation.DELETE), approvers, Duration.ofHours(24)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "PT5M", "P7D", "PT24H" })
    void anApprovalIsValidForFiveMinutesToSevenDays(String validity) {
        assertThat(policy(Set.of(ApprovalOperation.DELETE), 1, Duration.parse(validity)).validity())
            .isEqualTo(Duration.parse(validity));
    }

    @ParameterizedTest
    @ValueSource(strings = { "PT4M59S", "P7DT1S", "PT0S" })
    void aValidityOutsideFiveMinutesToSevenDaysIsRefused(String validity) {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> policy(Set.of(ApprovalOperation.DELETE), 1, Duration.parse(validity)));
    }

    @Test
    void aPolicyWithoutOperationsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> policy(Set.of(), 1, Duration.ofHours(24)));
    }

}
