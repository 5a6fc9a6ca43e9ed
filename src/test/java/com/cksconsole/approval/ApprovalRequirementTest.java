package com.cksconsole.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How every page words what a change needs, from one definition. */
class ApprovalRequirementTest {

    @Test
    void oneOperatorIsWordedInTheSingular() {
        assertThat(new ApprovalRequirement(1, ApproverRole.OPERATOR, Duration.ofHours(24), false).approversText())
            .isEqualTo("one approver with the OPERATOR role");
    }

    @Test
    void twoAdminsAreWordedInThePlural() {
        assertThat(new ApprovalRequirement(2, ApproverRole.ADMIN, Duration.ofHours(24), false).approversText())
            .isEqualTo("two approvers with the ADMIN role");
    }

    @Test
    void aValidityOfWholeHoursIsGivenInHours() {
        assertThat(new ApprovalRequirement(1, ApproverRole.OPERATOR, Duration.ofHours(1), false).validityText())
            .isEqualTo("1 hour");
        assertThat(new ApprovalRequirement(1, ApproverRole.OPERATOR, Duration.ofHours(24), false).validityText())
            .isEqualTo("24 hours");
    }

    @Test
    void aValidityOfPartHoursIsGivenInMinutes() {
        assertThat(new ApprovalRequirement(1, ApproverRole.OPERATOR, Duration.ofMinutes(90), false).validityText())
            .isEqualTo("90 minutes");
    }

}
