package com.cksconsole.keystore;

import java.util.Set;

/** The connection states in which KMS accepts a change of a property. */
public enum StateRequirement {
    CONNECTED_OR_DISCONNECTED("the key store is CONNECTED or DISCONNECTED",
            Set.of(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED)),
    DISCONNECTED("the key store is DISCONNECTED", Set.of(ConnectionState.DISCONNECTED));

    private final String description;
    private final Set<ConnectionState> states;

    StateRequirement(String description, Set<ConnectionState> states) {
        this.description = description;
        this.states = states;
    }

    /** "the key store is …", to complete a sentence such as "can be changed only while …". */
    public String description() {
        return description;
    }

    public boolean isMetBy(ConnectionState state) {
        return states.contains(state);
    }
}
