package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

/**
 * A reviewed change, ready to apply.
 *
 * @param loaded the store as it was when the operator filled the form (its fingerprint guards against lost
 *     updates)
 * @param reason the operator's reason or ticket reference, kept with the change for the audit log
 * @param actor the signed-in user applying it
 */
public record UpdateCommand(CustomKeyStore loaded, KeyStoreChange change, @Nullable String reason, String actor,
                            @Nullable ImportedConfiguration importedFrom) {

    /** A change typed by hand, with no imported proxy configuration. */
    public UpdateCommand(CustomKeyStore loaded, KeyStoreChange change, @Nullable String reason, String actor) {
        this(loaded, change, reason, actor, null);
    }
}
