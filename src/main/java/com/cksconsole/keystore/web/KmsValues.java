package com.cksconsole.keystore.web;

import static com.cksconsole.kms.KmsConstraints.ACCOUNT_ID_MAX;
import static com.cksconsole.kms.KmsConstraints.ACCOUNT_ID_MIN;
import static com.cksconsole.kms.KmsConstraints.CUSTOM_KEY_STORE_NAME_MAX;
import static com.cksconsole.kms.KmsConstraints.CUSTOM_KEY_STORE_NAME_MIN;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_URI_ENDPOINT_MAX;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_URI_ENDPOINT_MIN;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_URI_ENDPOINT_PATTERN;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_URI_PATH_MAX;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_URI_PATH_MIN;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_URI_PATH_PATTERN;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MAX;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MIN;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_PATTERN;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The KMS request members the forms share, each one constraint composed of KMS's length
 * and pattern (from {@link com.cksconsole.kms.KmsConstraints}) with the sentences the
 * pages show, so that the edit forms and the create wizard say the same thing about the
 * same member. A composed constraint reports each part that fails with its own sentence.
 * An empty value means "not given" and passes; whether a member is required is the form's
 * business ({@code @NotNull}).
 */
final class KmsValues {

    private KmsValues() {
    }

    /** CustomKeyStoreName (KMS API Reference, CreateCustomKeyStore). */
    @Size(min = CUSTOM_KEY_STORE_NAME_MIN, max = CUSTOM_KEY_STORE_NAME_MAX,
            message = "The name must be {min} to {max} characters long.")
    @Constraint(validatedBy = {})
    @Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface StoreName {

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

    }

    /** XksProxyUriEndpoint: https:// and a host name. */
    @Size(min = XKS_PROXY_URI_ENDPOINT_MIN, max = XKS_PROXY_URI_ENDPOINT_MAX,
            message = "The endpoint must be {min} to {max} characters long.")
    @Pattern(regexp = XKS_PROXY_URI_ENDPOINT_PATTERN,
            message = "The endpoint must start with https:// and contain only a host name: no port, path or "
                    + "trailing slash.")
    @Constraint(validatedBy = {})
    @Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface ProxyEndpoint {

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

    }

    /** XksProxyUriPath: an optional prefix and /kms/xks/v1 (up to v99). */
    @Size(min = XKS_PROXY_URI_PATH_MIN, max = XKS_PROXY_URI_PATH_MAX,
            message = "The path must be {min} to {max} characters long.")
    @Pattern(regexp = XKS_PROXY_URI_PATH_PATTERN,
            message = "The path must end in /kms/xks/v1 (or another version up to v99), optionally after a prefix "
                    + "such as /tenant-a, with only letters, digits, /, _ and -.")
    @Constraint(validatedBy = {})
    @Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface ProxyPath {

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

    }

    /** XksProxyVpcEndpointServiceName. */
    @Size(min = XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MIN, max = XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MAX,
            message = "A VPC endpoint service name is {min} to {max} characters long.")
    @Pattern(regexp = XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_PATTERN,
            message = "A VPC endpoint service name looks like com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718.")
    @Constraint(validatedBy = {})
    @Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface VpcServiceName {

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

    }

    /**
     * XksProxyVpcEndpointServiceOwner: KMS's pattern [0-9]{12} checked as its two parts,
     * so that a short value gets one sentence, not the same one twice.
     */
    @Size(min = ACCOUNT_ID_MIN, max = ACCOUNT_ID_MAX,
            message = "The owner is an AWS account ID of exactly {max} digits.")
    @Pattern(regexp = "[0-9]*", message = "An AWS account ID has digits only.")
    @Constraint(validatedBy = {})
    @Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface AccountId {

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

    }

}
