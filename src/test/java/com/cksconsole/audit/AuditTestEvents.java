package com.cksconsole.audit;

import java.util.List;

/**
 * Reads the events of one actor from the application's audit log, newest first
 * (application tests).
 */
public final class AuditTestEvents {

    private AuditTestEvents() {
    }

    public static List<AuditEntry> of(AuditLog log, String actor) {
        return log.page(new AuditFilter(null, null, actor, null, null, null), null, AuditLog.MAX_PAGE_SIZE).entries();
    }

    public static List<AuditEntry> of(AuditLog log, String actor, AuditAction action) {
        return log.page(new AuditFilter(null, null, actor, action, null, null), null, AuditLog.MAX_PAGE_SIZE).entries();
    }

}
