package com.cksconsole.sandbox.kms;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The calls KMS makes to an external key store proxy for the keys of the store (XKS proxy
 * API specification, GetKeyMetadata, Encrypt, Decrypt), and how KMS reports their
 * failures (same specification, "Error codes", KMS considerations table). The sandbox
 * answers each failure exactly as that table says.
 */
interface ExternalKeyCalls {

    /**
     * What KMS tells the proxy about the request ({@code requestMetadata}); the key ARN
     * is null for CreateKey (the key does not exist yet).
     */
    record Caller(String awsPrincipalArn, @Nullable String kmsKeyArn, String kmsOperation, String kmsRequestId) {
    }

    /** GetKeyMetadata's answer. */
    record Metadata(String keySpec, List<String> keyUsage, String keyStatus) {
    }

    /**
     * The proxy's Encrypt answer, carried in the ciphertext blob byte for byte (XKS proxy
     * API specification, Encrypt, "KMS Considerations").
     */
    record Wrapped(byte[] ciphertext, byte[] initializationVector, byte[] authenticationTag,
            byte @Nullable [] ciphertextMetadata) {
    }

    /** A proxy answer: the value, or why there is none. */
    sealed interface Outcome<T> {

        record Ok<T>(T value) implements Outcome<T> {
        }

        record Failed<T>(Failure failure) implements Outcome<T> {
        }

    }

    /** Why a proxy call failed: a proxy error name or a transport problem. */
    enum Failure {

        KEY_NOT_FOUND, INVALID_STATE, INVALID_KEY_USAGE, INVALID_CIPHERTEXT, VALIDATION, AUTHENTICATION_FAILED,
        ACCESS_DENIED, INVALID_URI_PATH, THROTTLED, DEPENDENCY_TIMEOUT, INTERNAL, UNSUPPORTED_OPERATION, UNREACHABLE,
        TLS_HANDSHAKE_FAILED, TIMED_OUT, INVALID_RESPONSE;

        /** The KMS message for this proxy outcome (spec, KMS considerations table). */
        String message() {
            return switch (this) {
                case VALIDATION, INVALID_RESPONSE -> CANNOT_INTERPRET;
                case INVALID_STATE -> "The external key associated with this KMS key in an external key store is not "
                        + "enabled in the external key manager. Enable the external key in the external key manager "
                        + "and retry the request.";
                case INVALID_CIPHERTEXT -> "The external key store proxy rejected the request because the specified "
                        + "ciphertext or encryption context is corrupted, missing, or otherwise invalid.";
                case INVALID_KEY_USAGE -> "The external key associated with this KMS key in an external key store "
                        + "does not support the requested operation. Enable the operation on the key in your external "
                        + "key manager, and try the request again.";
                case AUTHENTICATION_FAILED -> "The external key store proxy rejected the request because it could "
                        + "not authenticate AWS KMS. Verify the XKS proxy authentication credentials for your external "
                        + "key store and update if necessary.";
                case ACCESS_DENIED -> "The external key store proxy denied access to the operation. Verify that the "
                        + "user and the external key are both authorized for this operation, and try the request "
                        + "again.";
                case KEY_NOT_FOUND -> "The external key associated with this KMS key in an external key store was not "
                        + "found in its external key manager. If the external key ID associated with this KMS key is "
                        + "incorrect, create a new KMS key with the correct external key ID.";
                case INVALID_URI_PATH -> "The external key store proxy rejected the request because of an invalid URI "
                        + "path. Verify the URI path for your external key store and update if necessary.";
                case UNSUPPORTED_OPERATION -> "The external key store proxy rejected the request because it does not "
                        + "support the requested operation. If you see this error repeatedly, report it to your "
                        + "external key store proxy administrator.";
                case DEPENDENCY_TIMEOUT -> "The external key store proxy did not respond to the request in the time "
                        + "allotted. Retry the request. If you see this error repeatedly, report it to your external "
                        + "key store proxy administrator.";
                case THROTTLED -> "The external key store proxy rejected the request due to a very high request rate. "
                        + "Reduce the frequency of your calls using KMS keys in this external key store.";
                case INTERNAL -> "The external key store proxy rejected the request because it cannot communicate "
                        + "with the external key manager. Verify that the external key store proxy configuration is "
                        + "correct and that the external key manager is available.";
                case UNREACHABLE -> "AWS KMS cannot communicate with the external key store proxy. This might be a "
                        + "transient network issue. If you see this error repeatedly, verify that your external key "
                        + "store proxy is active and is connected to the network, and that its endpoint URI is "
                        + "correct in your external keystore.";
                case TLS_HANDSHAKE_FAILED -> "AWS KMS cannot establish a TLS connection to the external key store "
                        + "proxy. Verify the TLS configuration, including its certificate.";
                case TIMED_OUT -> "AWS KMS rejected the request because the external key store proxy did not respond "
                        + "in time. Retry the request. If you see this error repeatedly, report it to your external "
                        + "key store proxy administrator.";
            };
        }

        /**
         * CreateKey's exception: the spec's, except AccessDenied (KMS Developer Guide and
         * model: CustomKeyStoreInvalidStateException) and UnsupportedOperation (the spec
         * names an exception that does not exist).
         */
        KmsError onCreateKey() {
            String type = switch (this) {
                case KEY_NOT_FOUND -> "XksKeyNotFoundException";
                case INVALID_STATE, INVALID_KEY_USAGE -> "XksKeyInvalidConfigurationException";
                default -> "CustomKeyStoreInvalidStateException";
            };
            return KmsError.of(type, this == INVALID_CIPHERTEXT ? CANNOT_INTERPRET : message());
        }

        /**
         * Every failure of a cryptographic operation is KMSInvalidStateException (409).
         */
        KmsError onCryptographicOperation() {
            return KmsError.keyInvalidState(message());
        }

    }

    /**
     * KMS cannot decrypt the inner layer the proxy gave back (spec, KMS considerations).
     */
    String INNER_LAYER_INVALID = "The ciphertext that the external key store proxy submitted for decryption, or the "
            + "encryption context, is corrupted, missing, or otherwise invalid.";

    String CANNOT_INTERPRET = "AWS KMS cannot interpret the response from the external key store proxy. If you see "
            + "this error repeatedly, report it to your external key store proxy administrator.";

    Outcome<Metadata> getKeyMetadata(SandboxKeyStore store, String xksKeyId, Caller caller);

    Outcome<Wrapped> encrypt(SandboxKeyStore store, String xksKeyId, Caller caller, byte[] plaintext, byte[] aad);

    Outcome<byte[]> decrypt(SandboxKeyStore store, String xksKeyId, Caller caller, Wrapped wrapped, byte[] aad);

}
