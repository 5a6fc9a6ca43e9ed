package com.cksconsole.keystore;

/**
 * The console's database could not record a change before it was to be sent (the key
 * store's change lock, or the audit log's intent), so nothing was sent to KMS: the
 * console makes no change it cannot record.
 */
public class ChangeNotSentException extends RuntimeException {

    private final String keyStoreId;

    public ChangeNotSentException(String keyStoreId, Throwable cause) {
        super("Nothing was sent to KMS for custom key store " + keyStoreId + ": the console's database could not "
                + "record the change first", cause);
        this.keyStoreId = keyStoreId;
    }

    public String keyStoreId() {
        return keyStoreId;
    }

}
