package com.cksconsole.kms;

/**
 * The messages KMS answers with when an XKS proxy call fails, copied from the XKS proxy
 * API specification ("Error codes", KMS considerations table). The message is the same
 * whichever exception carries it: CreateCustomKeyStore/UpdateCustomKeyStore, CreateKey or
 * a cryptographic operation.
 */
public final class XksProxyMessages {

    /** ValidationException, and any answer KMS cannot interpret. */
    public static final String CANNOT_INTERPRET = "AWS KMS cannot interpret the response from the external key "
            + "store proxy. If you see this error repeatedly, report it to your external key store proxy "
            + "administrator.";

    /** InvalidStateException. */
    public static final String KEY_NOT_ENABLED = "The external key associated with this KMS key in an external key "
            + "store is not enabled in the external key manager. Enable the external key in the external key "
            + "manager and retry the request.";

    /** InvalidCiphertextException. */
    public static final String INVALID_CIPHERTEXT = "The external key store proxy rejected the request because the "
            + "specified ciphertext or encryption context is corrupted, missing, or otherwise invalid.";

    /** The proxy returned a ciphertext KMS cannot decrypt (inner layer). */
    public static final String PROXY_CIPHERTEXT_INVALID = "The ciphertext that the external key store proxy "
            + "submitted for decryption, or the encryption context, is corrupted, missing, or otherwise invalid.";

    /** InvalidKeyUsageException. */
    public static final String KEY_USAGE_NOT_SUPPORTED = "The external key associated with this KMS key in an "
            + "external key store does not support the requested operation. Enable the operation on the key in "
            + "your external key manager, and try the request again.";

    /** AuthenticationFailedException. */
    public static final String AUTHENTICATION_FAILED = "The external key store proxy rejected the request because "
            + "it could not authenticate AWS KMS. Verify the XKS proxy authentication credentials for your external "
            + "key store and update if necessary.";

    /** AccessDeniedException. */
    public static final String ACCESS_DENIED = "The external key store proxy denied access to the operation. Verify "
            + "that the user and the external key are both authorized for this operation, and try the request "
            + "again.";

    /** KeyNotFoundException. */
    public static final String KEY_NOT_FOUND = "The external key associated with this KMS key in an external key "
            + "store was not found in its external key manager. If the external key ID associated with this KMS "
            + "key is incorrect, create a new KMS key with the correct external key ID.";

    /** InvalidUriPathException. */
    public static final String INVALID_URI_PATH = "The external key store proxy rejected the request because of an "
            + "invalid URI path. Verify the URI path for your external key store and update if necessary.";

    /** UnsupportedOperationException. */
    public static final String UNSUPPORTED_OPERATION = "The external key store proxy rejected the request because it "
            + "does not support the requested operation. If you see this error repeatedly, report it to your "
            + "external key store proxy administrator.";

    /** DependencyTimeoutException. */
    public static final String DEPENDENCY_TIMEOUT = "The external key store proxy did not respond to the request in "
            + "the time allotted. Retry the request. If you see this error repeatedly, report it to your external "
            + "key store proxy administrator.";

    /** ThrottlingException. */
    public static final String THROTTLED = "The external key store proxy rejected the request due to a very high "
            + "request rate. Reduce the frequency of your calls using KMS keys in this external key store.";

    /** InternalException. */
    public static final String INTERNAL = "The external key store proxy rejected the request because it cannot "
            + "communicate with the external key manager. Verify that the external key store proxy configuration "
            + "is correct and that the external key manager is available.";

    /** No TCP connection. */
    public static final String UNREACHABLE = "AWS KMS cannot communicate with the external key store proxy. This "
            + "might be a transient network issue. If you see this error repeatedly, verify that your external key "
            + "store proxy is active and is connected to the network, and that its endpoint URI is correct in your "
            + "external keystore.";

    /** No TLS connection. */
    public static final String TLS_FAILED = "AWS KMS cannot establish a TLS connection to the external key store "
            + "proxy. Verify the TLS configuration, including its certificate.";

    /** No answer within 250 ms (socket timeout). */
    public static final String TIMED_OUT = "AWS KMS rejected the request because the external key store proxy did "
            + "not respond in time. Retry the request. If you see this error repeatedly, report it to your external "
            + "key store proxy administrator.";

    /** The store is not CONNECTED (CreateKey and cryptographic operations). */
    public static final String NOT_CONNECTED = "This KMS key is in a custom key store that is not connected to its "
            + "external key store proxy. Connect the external key store and try the request again.";

    private XksProxyMessages() {
    }

}
