package com.cksconsole.approval.web;

import java.util.EnumSet;
import java.util.List;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalRequest;
import com.cksconsole.approval.ApprovalStatus;
import com.cksconsole.approval.Approver;

/**
 * What the request's page offers the person reading it, by the approval rules: the
 * answers when it awaits theirs, withdrawing to its requester, the execution to whoever
 * may execute it once approved.
 *
 * @param awaitsYou they may approve or reject it now
 * @param requester they asked for it
 * @param mayWithdraw they asked for it and it is PENDING or APPROVED
 * @param mayExecute it is APPROVED and they may execute it
 */
record RequestView(List<String> operations, String window, boolean awaitsYou, boolean requester, boolean mayWithdraw,
        boolean mayExecute) {

    static RequestView of(ApprovalRequest request, Approver viewer) {
        boolean requester = request.requester().equals(viewer.name());
        var status = request.status();
        return new RequestView(
                EnumSet.copyOf(request.change().operations()).stream().map(ApprovalOperation::label).toList(),
                PolicyRow.Windows.text(request.requirement().validity()), request.awaits(viewer), requester,
                requester && (status == ApprovalStatus.PENDING || status == ApprovalStatus.APPROVED),
                status == ApprovalStatus.APPROVED && request.executableBy(viewer));
    }

}
