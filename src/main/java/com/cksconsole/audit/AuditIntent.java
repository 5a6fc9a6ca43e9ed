package com.cksconsole.audit;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What is about to happen (or, for {@link AuditTrail#record}, what happened): the action,
 * its target, its parameters and the operator's reason. The actor, roles, source IP and
 * session come from the current request and security context; callers never pass them.
 *
 * <pre>{@code
 * var intent = AuditIntent.of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, AuditTarget.keyStore(region, account, id, name))
 *         .changed("CustomKeyStoreName", before.name(), newName)
 *         .with(audit.secretReplaced("KeyStorePassword", password))
 *         .reason(command.reason())
 *         .build();
 * }</pre>
 */
public record AuditIntent(AuditAction action, AuditTarget target, List<AuditParameter> parameters,
        @Nullable String reason) {

    static final int MAX_PARAMETERS = 64;
    static final int MAX_REASON_LENGTH = 1000;

    public AuditIntent {
        parameters = List.copyOf(parameters);
        if (parameters.size() > MAX_PARAMETERS) {
            throw new IllegalArgumentException("At most " + MAX_PARAMETERS + " audit parameters");
        }
        reason = reason == null || reason.isBlank() ? null : AuditText.clean(reason.strip(), MAX_REASON_LENGTH);
    }

    public static Builder of(AuditAction action, AuditTarget target) {
        return new Builder(action, target);
    }

    /** Collects the parameters of an intent. */
    public static final class Builder {

        private final AuditAction action;

        private final AuditTarget target;

        private final List<AuditParameter> parameters = new ArrayList<>();

        private @Nullable String reason;

        private Builder(AuditAction action, AuditTarget target) {
            this.action = action;
            this.target = target;
        }

        /** A plain field change (see {@link AuditParameter#changed}). */
        public Builder changed(String name, @Nullable String before, @Nullable String after) {
            return with(AuditParameter.changed(name, before, after));
        }

        /** A plain value (see {@link AuditParameter#value}). */
        public Builder value(String name, @Nullable String value) {
            return with(AuditParameter.value(name, value));
        }

        /**
         * Any parameter, e.g. one made by {@link AuditTrail#secretReplaced} or
         * {@link AuditParameter#uploadedFile}.
         */
        public Builder with(AuditParameter parameter) {
            parameters.add(parameter);
            return this;
        }

        /** The reason or ticket reference the operator typed (blank: none). */
        public Builder reason(@Nullable String reason) {
            this.reason = reason;
            return this;
        }

        public AuditIntent build() {
            return new AuditIntent(action, target, parameters, reason);
        }

    }
}
