package com.cksconsole.kms;

import static com.cksconsole.kms.KmsConstraints.*;

import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The string-typed request members of the custom key store operations with their KMS
 * constraints, for code that checks values at run time (the sandbox's
 * ValidationException, the proxy configuration import). Numbers and patterns come from
 * {@link KmsConstraints}, the same constants the form annotations use.
 */
public enum KmsField {

    CUSTOM_KEY_STORE_ID(CUSTOM_KEY_STORE_ID_MIN, CUSTOM_KEY_STORE_ID_MAX, null, false),
    CUSTOM_KEY_STORE_NAME(CUSTOM_KEY_STORE_NAME_MIN, CUSTOM_KEY_STORE_NAME_MAX, null, false),
    CLOUDHSM_CLUSTER_ID(CLOUDHSM_CLUSTER_ID_MIN, CLOUDHSM_CLUSTER_ID_MAX, CLOUDHSM_CLUSTER_ID_PATTERN, false),
    TRUST_ANCHOR_CERTIFICATE(TRUST_ANCHOR_CERTIFICATE_MIN, TRUST_ANCHOR_CERTIFICATE_MAX, null, false),
    KEY_STORE_PASSWORD(KEY_STORE_PASSWORD_MIN, KEY_STORE_PASSWORD_MAX, null, true),
    XKS_PROXY_URI_ENDPOINT(XKS_PROXY_URI_ENDPOINT_MIN, XKS_PROXY_URI_ENDPOINT_MAX, XKS_PROXY_URI_ENDPOINT_PATTERN,
            false),
    XKS_PROXY_URI_PATH(XKS_PROXY_URI_PATH_MIN, XKS_PROXY_URI_PATH_MAX, XKS_PROXY_URI_PATH_PATTERN, false),
    XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME(XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MIN,
            XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MAX, XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_PATTERN, false),
    XKS_PROXY_VPC_ENDPOINT_SERVICE_OWNER(ACCOUNT_ID_MIN, ACCOUNT_ID_MAX, ACCOUNT_ID_PATTERN, false),
    XKS_ACCESS_KEY_ID(XKS_ACCESS_KEY_ID_MIN, XKS_ACCESS_KEY_ID_MAX, XKS_ACCESS_KEY_ID_PATTERN, true),
    XKS_RAW_SECRET_ACCESS_KEY(XKS_RAW_SECRET_ACCESS_KEY_MIN, XKS_RAW_SECRET_ACCESS_KEY_MAX,
            XKS_RAW_SECRET_ACCESS_KEY_PATTERN, true),
    MARKER(MARKER_MIN, MARKER_MAX, MARKER_PATTERN, false);

    private final int min;

    private final int max;

    private final @Nullable Pattern pattern;

    private final boolean sensitive;

    KmsField(int min, int max, @Nullable String pattern, boolean sensitive) {
        this.min = min;
        this.max = max;
        this.pattern = pattern == null ? null : Pattern.compile(pattern);
        this.sensitive = sensitive;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public Optional<String> pattern() {
        return Optional.ofNullable(pattern).map(Pattern::pattern);
    }

    /**
     * Sensitive members (as marked in the KMS model) must never be echoed in messages or
     * logs.
     */
    public boolean sensitive() {
        return sensitive;
    }

    /**
     * Checks a value and returns the first broken constraint in the wording KMS uses in a
     * {@code ValidationException} ("Member must ..."), or empty when the value is
     * acceptable.
     */
    public Optional<String> violation(String value) {
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            return Optional.of("Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            return Optional.of("Member must have length less than or equal to " + max);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            return Optional.of("Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return Optional.empty();
    }

}
