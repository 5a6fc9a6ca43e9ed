package com.cksconsole.approval;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.audit.AuditTrail;
import com.cksconsole.targets.TargetPermissions;
import com.cksconsole.targets.Targets;

/** The approval module's beans, over the console's database. */
@Configuration(proxyBeanMethods = false)
class ApprovalConfiguration {

    @Bean
    ApprovalPolicyRepository approvalPolicyRepository(JdbcClient jdbc) {
        return new ApprovalPolicyRepository(jdbc);
    }

    @Bean
    ApprovalRequestRepository approvalRequestRepository(JdbcClient jdbc) {
        return new ApprovalRequestRepository(jdbc);
    }

    @Bean
    BreakGlassGrantRepository breakGlassGrantRepository(JdbcClient jdbc) {
        return new BreakGlassGrantRepository(jdbc);
    }

    @Bean
    Approvals approvals(ApprovalPolicyRepository policies, ApprovalRequestRepository requests,
            BreakGlassGrantRepository grants, AuditTrail audit, PlatformTransactionManager transactions,
            ApplicationEventPublisher events, Clock clock) {
        return new Approvals(policies, requests, grants, audit, new TransactionTemplate(transactions), events, clock);
    }

    @Bean
    ApprovalPolicies approvalPolicies(ApprovalPolicyRepository policies, BreakGlassGrantRepository grants,
            Targets targets, AuditTrail audit, PlatformTransactionManager transactions, Clock clock) {
        return new ApprovalPolicies(policies, grants, targets, audit, new TransactionTemplate(transactions), clock);
    }

    @Bean
    CurrentApprover currentApprover(TargetPermissions permissions) {
        return new CurrentApprover(permissions);
    }

    @Bean
    ApprovalExpiry approvalExpiry(Approvals approvals) {
        return new ApprovalExpiry(approvals);
    }

    /**
     * Marks requests past their window EXPIRED, on every instance (each move is
     * conditional).
     */
    static class ApprovalExpiry {

        private final Approvals approvals;

        ApprovalExpiry(Approvals approvals) {
            this.approvals = approvals;
        }

        @Scheduled(fixedDelayString = "#{@'console.approval-com.cksconsole.approval.ApprovalProperties'.expirySweep()}",
                initialDelayString = "PT30S")
        void sweep() {
            try {
                approvals.expireDue();
            }
            catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ApprovalExpiry.class)
                    .warn("approval expiry sweep failed: {}", e.getClass().getName());
            }
        }

    }

}
