package com.cksconsole.keystore.internal;

import java.util.Locale;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.keystore.KeyStoreActivity;
import com.cksconsole.keystore.KeyStoreActivityAction;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.ObservedStoreStates;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.keystore.KeyStoreAuditAction;

/**
 * Connect, disconnect and every guided-change step into the audit log, on top of the log
 * line and application event of {@link PublishingKeyStoreActivity}. Connect and
 * disconnect are fail closed: their intent is written before KMS is called, and KMS is
 * not called when it cannot be.
 */
@Component
@Primary
class AuditedKeyStoreActivity implements KeyStoreActivity {

    private final PublishingKeyStoreActivity publishing;

    private final AuditTrail trail;

    private final ObservedStoreStates observed;

    AuditedKeyStoreActivity(PublishingKeyStoreActivity publishing, AuditTrail trail, ObservedStoreStates observed) {
        this.publishing = publishing;
        this.trail = trail;
        this.observed = observed;
    }

    @Override
    public <T> T attempt(KeyStoreActivityRecord record, Supplier<T> call) {
        return trail.attempt(intent(record), audit -> publishing.attempt(record, () -> {
            try {
                T result = call.get();
                audit.succeeded(result instanceof String requestId ? requestId : null);
                return result;
            }
            catch (KmsCallException e) {
                audit.failed(e.failure().errorCode(), null, e.failure().requestId(), null);
                throw e;
            }
        }));
    }

    @Override
    public void record(KeyStoreActivityRecord record) {
        publishing.record(record);
        AuditResult result = switch (record.outcome() == null ? KeyStoreActivityRecord.Outcome.NOTED
                : record.outcome()) {
            case SUCCEEDED -> AuditResult.succeeded(record.kmsRequestId(), null);
            case FAILED -> AuditResult.failed(record.errorCode() == null ? "Failed" : record.errorCode(), null,
                    record.kmsRequestId(), null);
            case NOTED -> AuditResult.succeeded();
        };
        trail.record(intent(record), result);
    }

    private AuditIntent intent(KeyStoreActivityRecord record) {
        var intent = AuditIntent
            .of(action(record.action()), KeyStoreAuditing.target(record.store(), nameOf(record.store())))
            .reason(record.reason());
        if (record.runId() != null) {
            intent.value("guidedChange", record.runId());
        }
        if (isGuidedRequest(record.action())) {
            intent.value("request", record.action().name());
        }
        record.details().forEach((name, value) -> {
            // Details name steps, states and endpoints; a name that could hold a secret
            // is never recorded.
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.contains("secret") && !lower.contains("password")) {
                intent.value(name, value);
            }
        });
        return intent.build();
    }

    /**
     * The store's name as the console last saw it: the record names only the ID, the
     * audit log shows both.
     */
    private @Nullable String nameOf(KeyStoreRef store) {
        try {
            return observed.lastSeenName(store).orElse(null);
        }
        catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isGuidedRequest(KeyStoreActivityAction action) {
        return action == KeyStoreActivityAction.GUIDED_RUN_CANCEL_REQUESTED
                || action == KeyStoreActivityAction.GUIDED_RUN_LEAVE_DISCONNECTED_REQUESTED
                || action == KeyStoreActivityAction.GUIDED_RUN_SECRET_PROVIDED
                || action == KeyStoreActivityAction.GUIDED_RUN_SECRET_REFUSED
                || action == KeyStoreActivityAction.GUIDED_RUN_NEEDS_SECRET;
    }

    private static AuditAction action(KeyStoreActivityAction action) {
        return switch (action) {
            case CONNECT -> KeyStoreAuditAction.CONNECT_CUSTOM_KEY_STORE;
            case DISCONNECT -> KeyStoreAuditAction.DISCONNECT_CUSTOM_KEY_STORE;
            case XKS_PREFLIGHT -> KeyStoreAuditAction.XKS_PREFLIGHT;
            case XKS_PREFLIGHT_OVERRIDDEN -> KeyStoreAuditAction.XKS_PREFLIGHT_OVERRIDDEN;
            case GUIDED_RUN_STARTED -> KeyStoreAuditAction.GUIDED_CHANGE_STARTED;
            case GUIDED_STEP -> KeyStoreAuditAction.GUIDED_CHANGE_STEP;
            case GUIDED_RUN_ENDED -> KeyStoreAuditAction.GUIDED_CHANGE_ENDED;
            case GUIDED_RUN_CANCEL_REQUESTED, GUIDED_RUN_LEAVE_DISCONNECTED_REQUESTED, GUIDED_RUN_SECRET_PROVIDED,
                    GUIDED_RUN_SECRET_REFUSED, GUIDED_RUN_NEEDS_SECRET ->
                KeyStoreAuditAction.GUIDED_CHANGE_REQUEST;
        };
    }

}
