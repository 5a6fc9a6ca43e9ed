package com.cksconsole.keystore.guided;

/** How a guided change ends when everything goes well. */
public enum GuidedMode {

    /** Disconnect, apply, reconnect: the store ends CONNECTED with the new settings. */
    RECONNECT("Disconnect, apply, reconnect"),
    /**
     * Disconnect and apply: the store ends DISCONNECTED with the new settings, to be
     * connected later.
     */
    LEAVE_DISCONNECTED("Disconnect, apply and leave disconnected");

    private final String label;

    GuidedMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

}
