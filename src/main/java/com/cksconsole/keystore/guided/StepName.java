package com.cksconsole.keystore.guided;

/** The steps of a guided change, in order. */
public enum StepName {

    PREFLIGHT("XKS pre-flight check"), DISCONNECT("Disconnect"), WAIT_FOR_DISCONNECTED("Wait for DISCONNECTED"),
    UPDATE("Update"), CONNECT("Connect"), WAIT_FOR_CONNECTED("Wait for CONNECTED");

    private final String label;

    StepName(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

}
