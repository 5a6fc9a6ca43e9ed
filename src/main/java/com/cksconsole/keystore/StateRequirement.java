package com.cksconsole.keystore;

import java.util.Set;

import com.cksconsole.kms.ConnectionState;

/** The connection states in which KMS accepts a change of a property. */
public enum StateRequirement {

    CONNECTED_OR_DISCONNECTED("CONNECTED or DISCONNECTED",
            Set.of(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED)),
    DISCONNECTED("DISCONNECTED", Set.of(ConnectionState.DISCONNECTED));

    private final String description;

    private final Set<ConnectionState> states;

    StateRequirement(String description, Set<ConnectionState> states) {
        this.description = description;
        this.states = states;
    }

    /**
     * The allowed states, e.g. "CONNECTED or DISCONNECTED", to complete "… only while the
     * key store is …".
     */
    public String description() {
        return description;
    }

    public boolean isMetBy(ConnectionState state) {
        return states.contains(state);
    }

}
