package com.cksconsole.keystore;

import com.cksconsole.kms.KeyStoreRef;
import org.jspecify.annotations.Nullable;

import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * A reviewed change, ready to apply.
 *
 * @param ref the store's account, Region and ID
 * @param loaded the store as it was when the operator filled the form (its fingerprint
 * guards against lost updates)
 * @param reason the operator's reason or ticket reference, kept with the change for the
 * audit log
 * @param actor the signed-in user applying it
 * @param importedFrom the XKS proxy configuration file the values came from, if any
 * @param preflight the XKS pre-flight clearance, for a change that needs one
 * ({@link XksPreflight#target})
 */
public record UpdateCommand(KeyStoreRef ref, CustomKeyStore loaded, KeyStoreChange change, @Nullable String reason,
        String actor, @Nullable ProxyConfigurationSource importedFrom, @Nullable PreflightClearance preflight) {

    public UpdateCommand {
        if (!ref.keyStoreId().equals(loaded.id())) {
            throw new IllegalArgumentException("The command's reference and store differ");
        }
    }

    /**
     * A change typed by hand, with no imported proxy configuration, that needs no
     * pre-flight check.
     */
    public UpdateCommand(KeyStoreRef ref, CustomKeyStore loaded, KeyStoreChange change, @Nullable String reason,
            String actor) {
        this(ref, loaded, change, reason, actor, null, null);
    }

    /** A change that needs no pre-flight check. */
    public UpdateCommand(KeyStoreRef ref, CustomKeyStore loaded, KeyStoreChange change, @Nullable String reason,
            String actor, @Nullable ProxyConfigurationSource importedFrom) {
        this(ref, loaded, change, reason, actor, importedFrom, null);
    }
}
