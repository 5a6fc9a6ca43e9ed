package com.cksconsole.keys.web;

import com.cksconsole.keys.KmsKey;

/**
 * The state changes of a key an operator confirms on their own page (KMS API Reference:
 * DisableKey, EnableKey, ScheduleKeyDeletion, CancelKeyDeletion), with the consequence
 * the confirmation states.
 */
enum KeyChange {

    DISABLE("disable", "Disable", "Disable the key",
            "While the key is disabled, KMS refuses to use it: data encrypted under it cannot be decrypted, and "
                    + "nothing new can be encrypted, until the key is enabled again. Nothing is deleted."),
    ENABLE("enable", "Enable", "Enable the key",
            "KMS uses the key again for encryption and decryption (if its key store is CONNECTED and the backing "
                    + "key is usable)."),
    SCHEDULE_DELETION("schedule-deletion", "Schedule deletion of", "Schedule the deletion",
            "KMS disables the key at once and deletes it when the waiting period ends. After that date the key and "
                    + "everything encrypted under it are unrecoverable: no one, not even AWS, can decrypt that "
                    + "data. Until then the deletion can be cancelled."),
    CANCEL_DELETION("cancel-deletion", "Cancel deletion of", "Cancel the deletion",
            "KMS keeps the key. It returns as Disabled: enable it to use it again.");

    private final String path;

    private final String verb;

    private final String button;

    private final String consequence;

    KeyChange(String path, String verb, String button, String consequence) {
        this.path = path;
        this.verb = verb;
        this.button = button;
        this.consequence = consequence;
    }

    public String path() {
        return path;
    }

    public String verb() {
        return verb;
    }

    public String button() {
        return button;
    }

    public String consequence() {
        return consequence;
    }

    public boolean danger() {
        return this == DISABLE || this == SCHEDULE_DELETION;
    }

    /**
     * Whether KMS accepts the change in the key's state (KMS Developer Guide, key states:
     * a key pending deletion can only have its deletion cancelled; EnableKey and
     * DisableKey on an Unavailable key succeed, shown once the store is connected again).
     */
    boolean acceptedIn(KmsKey key) {
        return switch (this) {
            case DISABLE -> !key.pendingDeletion() && !KmsKey.DISABLED.equals(key.keyState());
            case ENABLE -> !key.pendingDeletion() && !key.enabled();
            case SCHEDULE_DELETION -> !key.pendingDeletion();
            case CANCEL_DELETION -> key.pendingDeletion();
        };
    }

}
