package com.cksconsole.keystore;

import java.util.Map;

/**
 * The store's current connection state does not allow (part of) the change; nothing was
 * sent.
 */
public class UpdateNotAllowedException extends RuntimeException {

    private final CustomKeyStore current;

    private final Map<UpdatableProperty, String> refusals;

    public UpdateNotAllowedException(CustomKeyStore current, Map<UpdatableProperty, String> refusals) {
        super("Update of " + current.id() + " not allowed in state " + current.connectionState());
        this.current = current;
        this.refusals = Map.copyOf(refusals);
    }

    public CustomKeyStore current() {
        return current;
    }

    public Map<UpdatableProperty, String> refusals() {
        return refusals;
    }

}
