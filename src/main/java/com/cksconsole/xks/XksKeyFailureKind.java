package com.cksconsole.xks;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Why a key operation failed: one constant per proxy error name of the XKS proxy API
 * specification ("Error codes"), plus the transport outcomes and answers KMS cannot
 * interpret. What KMS makes of each is the caller's business (it differs between
 * CreateKey and the cryptographic operations).
 */
public enum XksKeyFailureKind {

    /** 404 KeyNotFoundException. */
    KEY_NOT_FOUND("KeyNotFoundException"),
    /** 400 InvalidStateException: the external key is disabled. */
    INVALID_STATE("InvalidStateException"),
    /** 400 InvalidKeyUsageException. */
    INVALID_KEY_USAGE("InvalidKeyUsageException"),
    /** 400 InvalidCiphertextException (Decrypt). */
    INVALID_CIPHERTEXT("InvalidCiphertextException"),
    /** 400 ValidationException. */
    VALIDATION("ValidationException"),
    /** 401 AuthenticationFailedException. */
    AUTHENTICATION_FAILED("AuthenticationFailedException"),
    /** 403 AccessDeniedException. */
    ACCESS_DENIED("AccessDeniedException"),
    /** 404 InvalidUriPathException. */
    INVALID_URI_PATH("InvalidUriPathException"),
    /** 429 ThrottlingException. */
    THROTTLED("ThrottlingException"),
    /** 503 DependencyTimeoutException. */
    DEPENDENCY_TIMEOUT("DependencyTimeoutException"),
    /** 500 InternalException. */
    INTERNAL("InternalException"),
    /** 501 UnsupportedOperationException. */
    UNSUPPORTED_OPERATION("UnsupportedOperationException"),
    /** TCP connection failed or the host is unknown. */
    UNREACHABLE(null),
    /** TLS handshake failed. */
    TLS_HANDSHAKE_FAILED(null),
    /** No answer within the time budget (250 ms at KMS). */
    TIMED_OUT(null),
    /**
     * An answer KMS cannot interpret: an unknown error name, an error without a JSON
     * body, a malformed 200 body, or one that fails KMS's checks (lengths, integrity
     * value).
     */
    INVALID_RESPONSE(null);

    private final @Nullable String proxyErrorName;

    XksKeyFailureKind(@Nullable String proxyErrorName) {
        this.proxyErrorName = proxyErrorName;
    }

    /**
     * The spec's {@code errorName} of this kind, empty for transport and malformed
     * outcomes.
     */
    public Optional<String> proxyErrorName() {
        return Optional.ofNullable(proxyErrorName);
    }

    /**
     * The kind a proxy's {@code errorName} stands for; unknown names are
     * INVALID_RESPONSE.
     */
    static XksKeyFailureKind ofErrorName(String errorName) {
        for (XksKeyFailureKind kind : values()) {
            if (errorName.equals(kind.proxyErrorName)) {
                return kind;
            }
        }
        return INVALID_RESPONSE;
    }

}
