package com.cksconsole.approval.web;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.CurrentApprover;

/**
 * Gives every page the header's count of the requests awaiting the signed-in user's
 * answer, as {@code approvalBadge}. A model attribute rather than a bean the layout
 * names: the layout must render in the test slices that have no approval module, and
 * {@code security} (which builds the rest of the header) must not depend on approvals.
 * The count is read only when the layout asks for it (never for a redirect or a JSON
 * answer), once per page.
 */
@ControllerAdvice
class ApprovalBadgeAdvice {

    static final String ATTRIBUTE = "approvalBadge";

    private final ObjectProvider<Approvals> approvals;

    private final ObjectProvider<CurrentApprover> currentApprover;

    ApprovalBadgeAdvice(ObjectProvider<Approvals> approvals, ObjectProvider<CurrentApprover> currentApprover) {
        this.approvals = approvals;
        this.currentApprover = currentApprover;
    }

    @ModelAttribute(ATTRIBUTE)
    @Nullable ApprovalBadge approvalBadge() {
        Approvals requests = approvals.getIfAvailable();
        CurrentApprover current = currentApprover.getIfAvailable();
        return requests == null || current == null ? null : new ApprovalBadge(requests, current);
    }

    /** The count, read at the first call of {@link #count()}. */
    static final class ApprovalBadge {

        private static final Logger log = LoggerFactory.getLogger(ApprovalBadge.class);

        private final Approvals approvals;

        private final CurrentApprover current;

        private boolean read;

        private @Nullable Long count;

        ApprovalBadge(Approvals approvals, CurrentApprover current) {
            this.approvals = approvals;
            this.current = current;
        }

        /**
         * How many pending requests await the user's answer; null when the database
         * cannot say (the header then shows the link without a count rather than no
         * page).
         */
        public @Nullable Long count() {
            if (!read) {
                read = true;
                try {
                    count = approvals.awaiting(current::on);
                }
                catch (DataAccessException unavailable) {
                    log.debug("approval count unavailable: {}", unavailable.getClass().getName());
                    count = null;
                }
            }
            return count;
        }

    }

}
