package com.cksconsole.proxyconfig;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.cksconsole.kms.KmsField;
import com.cksconsole.kms.XksConnectivity;
import org.jspecify.annotations.Nullable;

/**
 * The value-carrying keys of an XKS proxy configuration file, spelled exactly as the
 * format spells them, with the KMS field whose constraints apply and the operator wording
 * for a broken pattern. Lengths and patterns themselves come only from {@link KmsField}.
 */
public enum ProxyConfigurationKey {

    URI_PATH("XksProxyUriPath", false, KmsField.XKS_PROXY_URI_PATH, true,
            "must end in /kms/xks/v<number> (no trailing slash), start with / and use only letters, digits,"
                    + " /, _ and - before that"),
    URI_ENDPOINT("XksProxyUriEndpoint", false, KmsField.XKS_PROXY_URI_ENDPOINT, false,
            "must be https:// followed by a host name only: letters, digits, dots and hyphens, with no port,"
                    + " path or trailing slash"),
    CONNECTIVITY("XksProxyConnectivity", false, null, false, "must be PUBLIC_ENDPOINT or VPC_ENDPOINT_SERVICE"),
    VPC_ENDPOINT_SERVICE_NAME("XksProxyVpcEndpointServiceName", false, KmsField.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME,
            false, "must look like com.amazonaws.vpce.<region>.vpce-svc-<id>, in lower case"),
    ACCESS_KEY_ID("AccessKeyId", true, KmsField.XKS_ACCESS_KEY_ID, true, "allows only A-Z and 2-7"),
    RAW_SECRET_ACCESS_KEY("RawSecretAccessKey", true, KmsField.XKS_RAW_SECRET_ACCESS_KEY, true,
            "allows only letters, digits, /, + and =");

    /**
     * The one object of the format; it holds {@link #ACCESS_KEY_ID} and
     * {@link #RAW_SECRET_ACCESS_KEY}.
     */
    public static final String CREDENTIAL = "XksProxyAuthenticationCredential";

    private final String fileName;

    private final boolean inCredential;

    private final @Nullable KmsField field;

    private final boolean required;

    private final String rule;

    ProxyConfigurationKey(String fileName, boolean inCredential, @Nullable KmsField field, boolean required,
            String rule) {
        this.fileName = fileName;
        this.inCredential = inCredential;
        this.field = field;
        this.required = required;
        this.rule = rule;
    }

    /** The key as spelled in the file, for example {@code AccessKeyId}. */
    public String fileName() {
        return fileName;
    }

    /**
     * The key with its enclosing object, for example
     * {@code XksProxyAuthenticationCredential.AccessKeyId}.
     */
    public String path() {
        return inCredential ? CREDENTIAL + "." + fileName : fileName;
    }

    public boolean required() {
        return required;
    }

    /**
     * Whether the value must never be echoed (the KMS model marks both credential parts
     * sensitive).
     */
    public boolean sensitive() {
        return field != null && field.sensitive();
    }

    /**
     * The keys that may appear directly inside the top-level object ({@link #CREDENTIAL}
     * aside).
     */
    static List<ProxyConfigurationKey> topLevel() {
        return Arrays.stream(values()).filter(key -> !key.inCredential).toList();
    }

    /** The keys that may appear inside {@link #CREDENTIAL}. */
    static List<ProxyConfigurationKey> credentialParts() {
        return Arrays.stream(values()).filter(key -> key.inCredential).toList();
    }

    /**
     * Checks a value as typed input is checked and returns the operator sentence for the
     * first broken rule. The value itself never appears in the sentence; for
     * non-sensitive keys the sentence mentions its length.
     */
    Optional<String> problemWith(String value) {
        if (this == CONNECTIVITY) {
            return connectivity(value).isPresent() ? Optional.empty() : Optional.of(fileName + " " + rule + ".");
        }
        if (field == null) {
            return Optional.empty();
        }
        return field.violation(value).map(violation -> operatorSentence(field, violation, value));
    }

    /**
     * The connectivity a file value names, exactly as KMS spells it; empty for anything
     * else.
     */
    static Optional<XksConnectivity> connectivity(String value) {
        return Arrays.stream(XksConnectivity.values()).filter(type -> type.name().equals(value)).findFirst();
    }

    // KmsField words its result as KMS does ("Member must have length ...", "Member must
    // satisfy regular
    // expression pattern: ..."); the operator gets the allowed range or the rule in words
    // instead.
    private String operatorSentence(KmsField kmsField, String violation, String value) {
        if (violation.startsWith("Member must have length")) {
            String range = fileName + " needs " + kmsField.min() + "-" + kmsField.max() + " characters";
            return sensitive() ? range + "." : range + "; it has " + value.codePointCount(0, value.length()) + ".";
        }
        if (violation.startsWith("Member must satisfy regular expression pattern")) {
            return fileName + " " + rule + ".";
        }
        return violation.replaceFirst("^Member", fileName) + ".";
    }

}
