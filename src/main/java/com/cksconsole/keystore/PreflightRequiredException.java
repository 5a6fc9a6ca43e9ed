package com.cksconsole.keystore;

/**
 * A change that needs an XKS pre-flight check came without a clearance; nothing was sent.
 */
public class PreflightRequiredException extends RuntimeException {

    public PreflightRequiredException(String storeId) {
        super("The change of " + storeId + " needs an XKS pre-flight check (or an override) before it is sent");
    }

}
