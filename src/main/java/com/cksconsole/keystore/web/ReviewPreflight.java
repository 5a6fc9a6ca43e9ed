package com.cksconsole.keystore.web;

import java.util.Optional;

import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.cksconsole.keystore.PreflightClearance;
import com.cksconsole.keystore.PreflightResult;
import com.cksconsole.keystore.PreflightTarget;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.XksPreflight;
import com.cksconsole.kms.KmsField;

/**
 * The XKS pre-flight check as the review page uses it: run once when the review page is
 * first shown (when the change brings its own credential), on demand with a typed current
 * secret, and again right before applying (when the console can sign without the
 * operator); the latest result stays with the pending change.
 */
@Component
class ReviewPreflight {

    static final String SECRET_FORMAT = "A secret access key is " + KmsField.XKS_RAW_SECRET_ACCESS_KEY.min() + " to "
            + KmsField.XKS_RAW_SECRET_ACCESS_KEY.max() + " characters long and uses only letters, digits, /, + and =.";

    private final XksPreflight preflight;

    private final PendingUpdateStore pendingUpdates;

    ReviewPreflight(XksPreflight preflight, PendingUpdateStore pendingUpdates) {
        this.preflight = preflight;
        this.pendingUpdates = pendingUpdates;
    }

    Optional<PreflightTarget> target(PendingUpdate pending) {
        return preflight.target(pending.loaded(), pending.change());
    }

    /**
     * For the review page: the pending change with a result, checking now if none was
     * made and it can run.
     */
    PendingUpdate forReviewPage(HttpSession session, PendingUpdate pending) {
        var target = target(pending);
        if (target.isEmpty() || pending.preflight() != null || !target.get().credentialChanged()) {
            return pending;
        }
        return record(session, pending, preflight.check(pending.loaded(), pending.change(), null));
    }

    /**
     * Checks with the current secret the operator typed (used for this one call, never
     * kept).
     * @return a sentence when the secret cannot be one, else empty
     */
    Optional<String> checkWithCurrentSecret(HttpSession session, PendingUpdate pending, @Nullable String secret) {
        if (target(pending).isEmpty()) {
            return Optional.empty();
        }
        if (secret != null && KmsField.XKS_RAW_SECRET_ACCESS_KEY.violation(secret).isPresent()) {
            return Optional.of(SECRET_FORMAT);
        }
        record(session, pending,
                preflight.check(pending.loaded(), pending.change(), secret == null ? null : Secret.of(secret)));
        return Optional.empty();
    }

    /**
     * The clearance to apply with: for a change with its own credential the check runs
     * again now; otherwise the latest result counts (NOT_RUN when the operator never gave
     * the current secret). A result that did not pass clears only with an override
     * reason.
     * @return empty when no clearance is needed (first) or none is given (second: present
     * but empty)
     */
    Decision decide(HttpSession session, PendingUpdate pending, @Nullable String overrideReason) {
        var target = target(pending);
        if (target.isEmpty()) {
            return new Decision(pending, false, null);
        }
        PreflightResult result = target.get().credentialChanged() || pending.preflight() == null
                ? preflight.check(pending.loaded(), pending.change(), null) : pending.preflight();
        var updated = record(session, pending, result);
        return new Decision(updated, true, PreflightClearance.decide(result, overrideReason).orElse(null));
    }

    private PendingUpdate record(HttpSession session, PendingUpdate pending, PreflightResult result) {
        return pendingUpdates.recordPreflight(session, pending.username(), pending.store(), pending.token(), result)
            .orElse(pending.withPreflight(result));
    }

    /**
     * @param needed whether the change needs a pre-flight clearance
     * @param clearance null when needed but not given (the check did not pass and no
     * override reason came)
     */
    record Decision(PendingUpdate pending, boolean needed, @Nullable PreflightClearance clearance) {

        boolean blocked() {
            return needed && clearance == null;
        }
    }

}
