package com.cksconsole.keystore.guided;

/** How far one step of a guided change has got. */
public enum StepStatus {

    PENDING, RUNNING, DONE,
    /**
     * The XKS pre-flight check failed (or could not run) and an operator went on with a
     * reason.
     */
    OVERRIDDEN, FAILED, SKIPPED;

    /** How the pages show it (from {@code messages.properties}). */
    public String label() {
        return GuidedLabels.of("guided.stepStatus." + name());
    }

    public boolean isOpen() {
        return this == PENDING || this == RUNNING;
    }

}
