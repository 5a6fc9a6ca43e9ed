package com.cksconsole.approval.web;

import com.cksconsole.approval.ApprovalRequest;

/** A request in the list, and whether it awaits the signed-in user's answer. */
record RequestRow(ApprovalRequest request, boolean awaitsYou) {
}
