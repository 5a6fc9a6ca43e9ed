package com.cksconsole.keystore.guided;

/** The steps of a guided change, in order. */
public enum StepName {

    PREFLIGHT, DISCONNECT, WAIT_FOR_DISCONNECTED, UPDATE, CONNECT, WAIT_FOR_CONNECTED;

    /** How the pages show it (from {@code messages.properties}). */
    public String label() {
        return GuidedLabels.of("guided.stepName." + name());
    }

}
