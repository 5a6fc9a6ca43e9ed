package com.cksconsole.health.credentials;

import java.util.List;

/**
 * What a KEK rotation did.
 *
 * @param currentKekId the KEK every row is re-encrypted under
 * @param rotated rows whose data key was re-encrypted by this run
 * @param alreadyCurrent rows already under the current KEK (an earlier, possibly
 * interrupted, run or a credential stored since)
 * @param replacedMeanwhile rows replaced while the rotation ran (so under the current
 * KEK)
 * @param failures one line per row that could not be re-encrypted (store and reason,
 * never a secret)
 */
public record KekRotationReport(String currentKekId, int rotated, int alreadyCurrent, int replacedMeanwhile,
        List<String> failures) {

    public KekRotationReport {
        failures = List.copyOf(failures);
    }

    /** Whether every row is now under the current KEK, so the previous ones can go. */
    public boolean complete() {
        return failures.isEmpty();
    }

    @Override
    public String toString() {
        return "KEK rotation to " + currentKekId + ": " + rotated + " re-encrypted, " + alreadyCurrent
                + " already under it, " + replacedMeanwhile + " replaced meanwhile, " + failures.size() + " failed"
                + (failures.isEmpty() ? "" : " " + failures);
    }
}
