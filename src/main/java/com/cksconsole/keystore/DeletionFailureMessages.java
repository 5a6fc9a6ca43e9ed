package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

/**
 * Operator sentences for a failed DeleteCustomKeyStore (KMS API Reference,
 * DeleteCustomKeyStore: CustomKeyStoreHasCMKsException,
 * CustomKeyStoreInvalidStateException, CustomKeyStoreNotFoundException,
 * KMSInternalException; plus what any KMS call can meet: throttling, refused credentials,
 * no answer). One definition, for the delete page.
 */
public final class DeletionFailureMessages {

    /**
     * CustomKeyStoreHasCMKsException: KMS deletes a store only once every KMS key in it
     * is deleted, i.e. scheduled for deletion and past its waiting period.
     */
    public static final String HOLDS_KMS_KEYS = "KMS did not delete the key store because it still holds KMS keys "
            + "(CustomKeyStoreHasCMKsException). Delete them first: schedule the deletion of each KMS key in the key "
            + "store and wait until its waiting period has passed (keys pending deletion still count). Then delete "
            + "the key store. Nothing was deleted.";

    private DeletionFailureMessages() {
    }

    public static String of(KmsFailure failure, @Nullable CustomKeyStore current) {
        if (failure.is("CustomKeyStoreHasCMKsException")) {
            return HOLDS_KMS_KEYS + requestId(failure);
        }
        String nowIs = current == null ? "" : " The key store is " + current.connectionState().name() + " now.";
        if (failure.is("CustomKeyStoreInvalidStateException")) {
            return "KMS refused to delete the key store because of its connection state "
                    + "(CustomKeyStoreInvalidStateException): KMS deletes only a DISCONNECTED key store." + nowIs
                    + " Disconnect it, wait until it is DISCONNECTED, then delete it." + requestId(failure);
        }
        if (failure.is("CustomKeyStoreNotFoundException")) {
            return "The key store no longer exists in KMS.";
        }
        return switch (failure.kind()) {
            case THROTTLED ->
                "KMS is receiving too many requests right now (ThrottlingException). Nothing was deleted: "
                        + "try again in a few seconds.";
            case KMS_INTERNAL -> "KMS had an internal error (" + failure.errorCode() + requestIdInline(failure)
                    + "), so it did not delete the key store. Try again in a moment.";
            case CREDENTIALS_REFUSED -> "KMS did not accept the console's AWS credentials or they lack permission ("
                    + failure.errorCode() + "). Nothing was deleted. Ask an administrator to check the console's "
                    + "credentials and permissions (kms:DeleteCustomKeyStore).";
            case TARGET_UNAVAILABLE -> "The console no longer uses this key store's account and Region (the target is "
                    + "disabled or was refused by its check). Nothing was deleted.";
            case TIMED_OUT,
                    UNREACHABLE ->
                "KMS did not answer in time, so it is not known whether the key store was " + "deleted."
                        + (current == null ? " Check the key store list before you try again."
                                : nowIs + " It still exists.");
            case REFUSED -> "KMS refused to delete the key store with " + failure.errorCode() + requestIdInline(failure)
                    + "." + nowIs;
        };
    }

    private static String requestId(KmsFailure failure) {
        return failure.requestId() == null ? "" : " (KMS request " + failure.requestId() + ")";
    }

    private static String requestIdInline(KmsFailure failure) {
        return failure.requestId() == null ? "" : ", KMS request " + failure.requestId();
    }

}
