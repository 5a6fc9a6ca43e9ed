package com.cksconsole.rotation.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.cksconsole.rotation.RotationRun;
import com.cksconsole.rotation.RotationStatus;
import com.cksconsole.rotation.RotationStep;

/**
 * What the run's page shows: its status in words with a badge, and the seven steps, each
 * done, current, failed or to come.
 *
 * @param soakSecondsLeft whole seconds of the soak left now (0 when not soaking)
 */
record RunView(String statusLabel, String statusBadge, List<StepLine> steps, long soakSecondsLeft) {

    /** One step's line: {@code state} is done, current, failed or pending. */
    record StepLine(int number, String label, String state) {

        /**
         * The step's CSS modifier, made here: in the template the class names' double
         * underscores would read as Thymeleaf's preprocessing markers.
         */
        public String modifier() {
            return "wizard-steps__item--" + state;
        }

        public String stateLabel() {
            return switch (state) {
                case "done" -> "Done";
                case "current" -> "Now";
                case "failed" -> "Stopped here";
                default -> "To come";
            };
        }

    }

    static RunView of(RotationRun run, Instant now) {
        RotationStep current = run.currentStep();
        boolean stoppedHere = run.status() == RotationStatus.FAILED || run.status() == RotationStatus.CANCELLED
                || run.status() == RotationStatus.LEFT_BOTH_ACTIVE || run.status() == RotationStatus.NEEDS_ATTENTION;
        List<StepLine> steps = new ArrayList<>();
        for (RotationStep step : RotationStep.values()) {
            String state;
            if (run.status() == RotationStatus.COMPLETED || step.ordinal() < current.ordinal()) {
                state = "done";
            }
            else if (step == current) {
                state = stoppedHere ? "failed" : "current";
            }
            else {
                state = "pending";
            }
            steps.add(new StepLine(step.ordinal() + 1, step.label(), state));
        }
        return new RunView(label(run.status()), badge(run.status()), steps, run.soakLeft(now).toSeconds());
    }

    private static String label(RotationStatus status) {
        return switch (status) {
            case AWAITING_INSTALL -> "Waiting for the proxy";
            case PROVING -> "Proving the new credential";
            case UPDATING -> "Updating KMS";
            case SOAKING -> "Watching";
            case NEEDS_ATTENTION -> "Needs attention";
            case AWAITING_RETIREMENT -> "Retire the old credential";
            case NEEDS_SECRET -> "Needs the secret";
            case COMPLETED -> "Completed";
            case FAILED -> "Failed";
            case CANCELLED -> "Cancelled";
            case LEFT_BOTH_ACTIVE -> "Stopped, both credentials active";
        };
    }

    private static String badge(RotationStatus status) {
        return switch (status) {
            case COMPLETED -> "badge--connected";
            case FAILED, NEEDS_ATTENTION -> "badge--failed";
            case CANCELLED, LEFT_BOTH_ACTIVE -> "badge--disconnected";
            default -> "badge--transient";
        };
    }

}
