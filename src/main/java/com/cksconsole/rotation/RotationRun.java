package com.cksconsole.rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.XksConnectivity;

/**
 * A credential rotation as the database holds it (never a secret: the new secret is
 * sealed in its own columns and read only by {@link HeldSecrets}).
 *
 * @param generated whether the console made the new credential (then its secret reaches
 * the operator only in the proxy configuration file, downloadable once)
 * @param stateAtStart the store's connection state when the run started; the soak expects
 * it to stay so
 * @param proveDeadline until when step 3 waits for the proxy to accept the new credential
 * @param soakUntil the end of step 5
 * @param oldRefusal how the retirement of the old credential was checked:
 * {@code PROVEN_REFUSED} (the proxy answered 401 to it) or {@code NOT_CHECKED}
 * @param lastCheck the latest check's result in words (step 3 and 5), for the page
 */
public record RotationRun(String id, KeyStoreRef store, String storeName, RotationStatus status, String startedBy,
        @Nullable String reason, boolean generated, String newAccessKeyId, String oldAccessKeyId, String uriEndpoint,
        String uriPath, @Nullable XksConnectivity connectivity, @Nullable String vpcServiceName,
        String settingsFingerprint, String secretFingerprint, String stateAtStart, boolean fileDelivered,
        boolean updateStarted, @Nullable Instant installedAt, @Nullable Instant proveDeadline,
        @Nullable Instant provedAt, @Nullable Instant updatedAtKms, @Nullable String kmsRequestId,
        @Nullable Instant soakUntil, @Nullable Instant retiredAt, @Nullable String oldRefusal,
        @Nullable String lastCheck, @Nullable String outcome, Instant createdAt, Instant updatedAt,
        @Nullable Instant finishedAt, List<RotationEvent> events) {

    public String storeId() {
        return store.keyStoreId();
    }

    /**
     * The step the run is at (the one waiting or being done; DONE once it completed).
     */
    public RotationStep currentStep() {
        return switch (status) {
            case AWAITING_INSTALL -> RotationStep.STAGE;
            case PROVING -> RotationStep.PROVE;
            case UPDATING -> RotationStep.UPDATE_KMS;
            case SOAKING, NEEDS_ATTENTION -> RotationStep.SOAK;
            case AWAITING_RETIREMENT -> RotationStep.RETIRE_OLD;
            case NEEDS_SECRET -> updatedAtKms == null ? RotationStep.PROVE : RotationStep.SOAK;
            case COMPLETED -> RotationStep.DONE;
            case FAILED, CANCELLED, LEFT_BOTH_ACTIVE -> lastStep();
        };
    }

    /** Where an ended run stopped, from what it recorded. */
    private RotationStep lastStep() {
        if (retiredAt != null) {
            return RotationStep.DONE;
        }
        if (soakUntil != null) {
            return RotationStep.SOAK;
        }
        if (updateStarted) {
            return RotationStep.UPDATE_KMS;
        }
        if (installedAt != null) {
            return RotationStep.PROVE;
        }
        return RotationStep.STAGE;
    }

    /** Whether UpdateCustomKeyStore may have reached KMS: after that, no cancel. */
    public boolean kmsMayHaveMoved() {
        return updateStarted || updatedAtKms != null;
    }

    public boolean cancellable() {
        return !status.ended() && !kmsMayHaveMoved() && status != RotationStatus.AWAITING_RETIREMENT;
    }

    /** How long the soak has left at {@code now}; zero when over or not started. */
    public Duration soakLeft(Instant now) {
        if (soakUntil == null || !now.isBefore(soakUntil)) {
            return Duration.ZERO;
        }
        return Duration.between(now, soakUntil);
    }

    /** The proxy's path prefix: the URI path without {@code /kms/xks/v1}. */
    public String pathPrefix() {
        int at = uriPath.lastIndexOf("/kms/xks/");
        return at < 0 ? uriPath : uriPath.substring(0, at);
    }

}
