package com.cksconsole.audit.web;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditEvent;
import com.cksconsole.audit.AuditParameter;

/**
 * One line of the audit list as a reader needs it: who (a guided change's background work
 * reads "admin (guided change)"), what (a guided change's step or request by name), and
 * which key store and guided change, by name and ID.
 *
 * @param who the actor as shown
 * @param what the action, with the guided step or request it was
 * @param detail the step's status, e.g. "Done"; null when there is none
 * @param storeName null when the event did not record it
 * @param runId the guided change the event belongs to, if any
 */
record AuditRow(AuditEntry entry, String who, String what, @Nullable String detail, @Nullable String storeId,
        @Nullable String storeName, @Nullable String runId) {

    /**
     * Labels of the steps of a guided change (the audit package knows no key store class;
     * these are stored names).
     */
    private static final Map<String, String> STEPS = Map.of("PREFLIGHT", "XKS pre-flight check", "DISCONNECT",
            "Disconnect", "WAIT_FOR_DISCONNECTED", "Wait for DISCONNECTED", "UPDATE", "Update", "CONNECT", "Connect",
            "WAIT_FOR_CONNECTED", "Wait for CONNECTED");

    private static final Map<String, String> REQUESTS = Map.of("GUIDED_RUN_CANCEL_REQUESTED", "cancel",
            "GUIDED_RUN_LEAVE_DISCONNECTED_REQUESTED", "leave disconnected", "GUIDED_RUN_SECRET_PROVIDED",
            "secret given again", "GUIDED_RUN_NEEDS_SECRET", "waits for the secret again");

    private static final Map<String, String> STATUSES = Map.of("DONE", "Done", "FAILED", "Failed", "SKIPPED", "Skipped",
            "OVERRIDDEN", "Overridden", "RUNNING", "Running", "PENDING", "Not started");

    static final String SYSTEM = "system";

    /*
     * Stored names of the keystore module's actions (KeyStoreAuditAction) this page
     * explains further. The audit module does not depend on keystore (keystore depends on
     * it); stored names never change, and AuditVocabularyTest checks these against the
     * enum.
     */
    static final String GUIDED_CHANGE_STEP = "GUIDED_CHANGE_STEP";

    static final String GUIDED_CHANGE_REQUEST = "GUIDED_CHANGE_REQUEST";

    static final String CHANGED_OUTSIDE_CONSOLE = "CHANGED_OUTSIDE_CONSOLE";

    static AuditRow of(AuditEntry entry) {
        var event = entry.event();
        String action = event.action();
        String what = event.actionLabel();
        String detail = null;
        if (GUIDED_CHANGE_STEP.equals(action)) {
            var step = value(event, "step");
            what = what + ": " + step.map(s -> STEPS.getOrDefault(s, s)).orElse("step not recorded");
            detail = value(event, "status").map(s -> STATUSES.getOrDefault(s, s)).orElse(null);
        }
        else if (GUIDED_CHANGE_REQUEST.equals(action)) {
            var request = value(event, "request");
            if (request.isPresent()) {
                what = what + ": " + REQUESTS.getOrDefault(request.get(), request.get());
            }
        }
        return new AuditRow(entry, who(event), what, detail, event.target().storeId(), event.target().storeName(),
                value(event, "guidedChange").orElse(null));
    }

    /**
     * The actor as shown. Work a guided change does in the background runs in the name of
     * the operator who started it, outside any request: no roles, no address, no session.
     */
    static String who(AuditEvent event) {
        if (CHANGED_OUTSIDE_CONSOLE.equals(event.action())) {
            return "Unknown (outside the console)";
        }
        boolean background = event.actorRoles().isEmpty() && event.sourceIp() == null && event.sessionHash() == null;
        return background && !SYSTEM.equals(event.actor()) ? event.actor() + " (guided change)" : event.actor();
    }

    /**
     * The event's account and Region, "111122223333 / us-east-1"; null when it recorded
     * neither (a sign-in, a user change).
     */
    public @Nullable String targetLine() {
        var target = entry.event().target();
        if (target.accountId() == null && target.region() == null) {
            return null;
        }
        return (target.accountId() == null ? "no account" : target.accountId()) + " / "
                + (target.region() == null ? "no Region" : target.region());
    }

    private static Optional<String> value(AuditEvent event, String name) {
        return event.parameters()
            .stream()
            .filter(p -> p.kind() == AuditParameter.Kind.VALUE && p.name().equals(name))
            .map(AuditParameter::value)
            .filter(v -> v != null && !v.isBlank())
            .findFirst();
    }
}
