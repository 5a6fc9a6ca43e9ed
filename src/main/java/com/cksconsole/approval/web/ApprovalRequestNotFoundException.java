package com.cksconsole.approval.web;

/**
 * No request with this ID under this target's address (unknown, malformed, or another
 * target's): the 404 page.
 */
class ApprovalRequestNotFoundException extends RuntimeException {

    ApprovalRequestNotFoundException(String id) {
        super("No approval request " + id);
    }

}
