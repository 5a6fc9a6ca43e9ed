package com.cksconsole.kms;

/**
 * The request-field constraints of the KMS custom key store operations, copied from the
 * KMS service model (the request syntax of each operation in the AWS KMS API Reference).
 * This is the one definition: the console's form annotations use these constants, and
 * {@link KmsField} applies the same numbers and patterns for the sandbox and the proxy
 * configuration import.
 *
 * <p>
 * Patterns are applied with full-match semantics, as Bean Validation's {@code @Pattern}
 * does.
 */
public final class KmsConstraints {

    public static final int CUSTOM_KEY_STORE_ID_MIN = 1;

    public static final int CUSTOM_KEY_STORE_ID_MAX = 64;

    public static final int CUSTOM_KEY_STORE_NAME_MIN = 1;

    public static final int CUSTOM_KEY_STORE_NAME_MAX = 256;

    public static final int CLOUDHSM_CLUSTER_ID_MIN = 19;

    public static final int CLOUDHSM_CLUSTER_ID_MAX = 24;

    public static final String CLOUDHSM_CLUSTER_ID_PATTERN = "cluster-[2-7a-zA-Z]{11,16}";

    public static final int TRUST_ANCHOR_CERTIFICATE_MIN = 1;

    public static final int TRUST_ANCHOR_CERTIFICATE_MAX = 5000;

    public static final int KEY_STORE_PASSWORD_MIN = 7;

    public static final int KEY_STORE_PASSWORD_MAX = 32;

    public static final int XKS_PROXY_URI_ENDPOINT_MIN = 10;

    public static final int XKS_PROXY_URI_ENDPOINT_MAX = 128;

    public static final String XKS_PROXY_URI_ENDPOINT_PATTERN = "^https://[a-zA-Z0-9.-]+$";

    public static final int XKS_PROXY_URI_PATH_MIN = 10;

    public static final int XKS_PROXY_URI_PATH_MAX = 128;

    public static final String XKS_PROXY_URI_PATH_PATTERN = "^(/[a-zA-Z0-9\\/_-]+/kms/xks/v\\d{1,2})$|^(/kms/xks/v\\d{1,2})$";

    public static final int XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MIN = 20;

    public static final int XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MAX = 64;

    public static final String XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_PATTERN = "^(com|eu)\\.amazonaws\\.vpce\\.([a-z]+-){2,3}\\d+\\.vpce-svc-[0-9a-z]+$";

    public static final int ACCOUNT_ID_MIN = 12;

    public static final int ACCOUNT_ID_MAX = 12;

    public static final String ACCOUNT_ID_PATTERN = "[0-9]{12}";

    public static final int XKS_ACCESS_KEY_ID_MIN = 20;

    public static final int XKS_ACCESS_KEY_ID_MAX = 30;

    public static final String XKS_ACCESS_KEY_ID_PATTERN = "^[A-Z2-7]+$";

    public static final int XKS_RAW_SECRET_ACCESS_KEY_MIN = 43;

    public static final int XKS_RAW_SECRET_ACCESS_KEY_MAX = 64;

    public static final String XKS_RAW_SECRET_ACCESS_KEY_PATTERN = "^[a-zA-Z0-9\\/+=]+$";

    public static final int LIMIT_MIN = 1;

    public static final int LIMIT_MAX = 1000;

    public static final int MARKER_MIN = 1;

    public static final int MARKER_MAX = 1024;

    public static final String MARKER_PATTERN = "[\\u0020-\\u00FF]*";

    /**
     * Custom key stores per account and Region (AWS KMS Developer Guide, "Resource
     * quotas": 10, adjustable on request, so the console takes a raised value from its
     * configuration).
     */
    public static final int CUSTOM_KEY_STORES_PER_ACCOUNT_AND_REGION = 10;

    private KmsConstraints() {
    }

}
