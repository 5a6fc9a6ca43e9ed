package com.cksconsole.keystore.guided;

/** Where a guided change stands as a whole. */
public enum RunStatus {

    /** Being driven step by step. */
    RUNNING("Running"),
    /**
     * Paused: it needs a secret the console no longer holds (after a restart); an
     * operator gives it or cancels.
     */
    NEEDS_SECRET("Needs the secret again"),
    /** Ended as planned (or, deliberately, left disconnected after its update). */
    COMPLETED("Completed"),
    /** Stopped at a failed step; its outcome says the store's state and what to do. */
    FAILED("Stopped"),
    /** Cancelled before its update: nothing was changed. */
    CANCELLED("Cancelled");

    private final String label;

    RunStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Still holding its key store (RUNNING or NEEDS_SECRET). */
    public boolean isActive() {
        return this == RUNNING || this == NEEDS_SECRET;
    }

}
