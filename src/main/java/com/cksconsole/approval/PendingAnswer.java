package com.cksconsole.approval;

import java.util.Set;

/**
 * What decides whether a pending request awaits someone's answer: who asked, the role it
 * needs, and who answered already. The one definition of that rule, for a request read
 * whole ({@link ApprovalRequest#awaits}) and for the header's count, which reads only
 * these columns of every pending request in one query.
 */
record PendingAnswer(String target, String requester, ApproverRole role, Set<String> answeredBy) {

    PendingAnswer {
        answeredBy = Set.copyOf(answeredBy);
    }

    boolean awaits(Approver approver) {
        return !approver.name().equals(requester) && !answeredBy.contains(approver.name()) && role.heldBy(approver);
    }

}
