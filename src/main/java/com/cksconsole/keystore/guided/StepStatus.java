package com.cksconsole.keystore.guided;

/** How far one step of a guided change has got. */
public enum StepStatus {

    PENDING("Not started"), RUNNING("In progress"), DONE("Done"),
    /**
     * The XKS pre-flight check failed (or could not run) and an operator went on with a
     * reason.
     */
    OVERRIDDEN("Overridden"), FAILED("Failed"), SKIPPED("Skipped");

    private final String label;

    StepStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isOpen() {
        return this == PENDING || this == RUNNING;
    }

}
