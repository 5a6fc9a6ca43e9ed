package com.cksconsole.rotation;

import java.time.Clock;

import org.jspecify.annotations.Nullable;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTrail;

/**
 * Writes what happened in a run twice, in one transaction: as a row of the run's own
 * timeline (its page) and as an audit event naming the run and both access key IDs. When
 * the audit log cannot take it, neither is written (fail closed).
 */
class RotationJournal {

    static final String OK = "OK";

    static final String WAITING = "WAITING";

    static final String FAILED = "FAILED";

    private final RotationRepository runs;

    private final AuditTrail audit;

    private final Clock clock;

    RotationJournal(RotationRepository runs, AuditTrail audit, Clock clock) {
        this.runs = runs;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records an event of an existing run (its own transaction, or the caller's). */
    void record(RotationRun run, RotationStep step, String outcome, @Nullable String actor, String detail,
            RotationAuditAction action) {
        runs.inTransaction(() -> write(run, step, outcome, actor, detail, action, null));
    }

    /**
     * Writes the event and audit entry in the caller's transaction (a run's creation),
     * with one more audit parameter (the new secret's keyed fingerprint).
     */
    void write(RotationRun run, RotationStep step, String outcome, @Nullable String actor, String detail,
            RotationAuditAction action, @Nullable AuditParameter extra) {
        runs.appendEvent(run.id(), new RotationEvent(clock.instant(), step, outcome, actor, detail));
        var intent = AuditIntent
            .of(action,
                    AuditTarget.keyStore(run.store().target().region(), run.store().target().accountId(), run.storeId(),
                            run.storeName()))
            .value("RotationRunId", run.id())
            .value("NewAccessKeyId", run.newAccessKeyId())
            .value("OldAccessKeyId", run.oldAccessKeyId())
            .value("Step", step.label())
            .value("Detail", detail)
            .reason(run.reason());
        if (extra != null) {
            intent.with(extra);
        }
        audit.record(intent.build(), FAILED.equals(outcome) ? AuditResult.failed(action.name(), detail, null, null)
                : AuditResult.succeeded());
    }

}
