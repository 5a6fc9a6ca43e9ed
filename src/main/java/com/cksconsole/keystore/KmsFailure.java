package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

/**
 * A failed KMS call, reduced to what may be shown to an operator: the kind, the KMS error
 * name (for example {@code CustomKeyStoreNameInUseException}; for failures without an
 * answer a short label) and the request ID. KMS's free-text message is deliberately not
 * kept: it is not written for operators and a ValidationException may echo request
 * values.
 */
public record KmsFailure(KmsFailureKind kind, String errorCode, @Nullable String requestId) {

    public boolean is(String kmsErrorName) {
        return errorCode.equals(kmsErrorName);
    }
}
