package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

/**
 * A reason a key store cannot be created as entered: the step and the form field it
 * concerns, in words for the operator (never a typed secret).
 *
 * @param field the request member's form field (for example {@code customKeyStoreName},
 * {@code xksProxyUriPath}); {@value #TARGET} for the account and Region itself (its
 * quota); null when no one field is to blame
 * @param kmsError the KMS error this problem is, or would be, when KMS were asked
 */
public record CreateProblem(CreateStep step, @Nullable String field, String message,
        @Nullable String kmsError) implements java.io.Serializable {

    /** The field of problems of the account and Region (the store quota). */
    public static final String TARGET = "target";

}
