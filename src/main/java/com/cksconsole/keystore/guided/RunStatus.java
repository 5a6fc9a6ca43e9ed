package com.cksconsole.keystore.guided;

/** Where a guided change stands as a whole. */
public enum RunStatus {

    /** Being driven step by step. */
    RUNNING,
    /**
     * Paused: it needs a secret the console no longer holds (after a restart); an
     * operator gives it or cancels.
     */
    NEEDS_SECRET,
    /** Ended as planned (or, deliberately, left disconnected after its update). */
    COMPLETED,
    /** Stopped at a failed step; its outcome says the store's state and what to do. */
    FAILED,
    /** Cancelled before its update: nothing was changed. */
    CANCELLED;

    /** How the pages show it (from {@code messages.properties}). */
    public String label() {
        return GuidedLabels.of("guided.runStatus." + name());
    }

    /** Still holding its key store (RUNNING or NEEDS_SECRET). */
    public boolean isActive() {
        return this == RUNNING || this == NEEDS_SECRET;
    }

}
