package com.cksconsole.sandbox.kms;

import java.util.regex.Pattern;

/**
 * Constraints of the AssumeRole request members (AWS STS API Reference, "AssumeRole",
 * Request Parameters).
 */
final class StsLimits {

    static final Pattern ROLE_ARN_CHARACTERS = Pattern
        .compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]+");
    static final int ROLE_ARN_MIN = 20;
    static final int ROLE_ARN_MAX = 2048;
    static final Pattern ROLE_SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    static final int ROLE_SESSION_NAME_MIN = 2;
    static final int ROLE_SESSION_NAME_MAX = 64;
    static final int DURATION_MIN = 900;
    static final int DURATION_MAX = 43200;
    static final int DURATION_DEFAULT = 3600;

    /**
     * Role chaining (credentials of an assumed role assuming a role) is limited to one
     * hour.
     */
    static final int CHAINED_DURATION_MAX = 3600;
    static final Pattern EXTERNAL_ID_CHARACTERS = Pattern.compile("[\\w+=,.@:/-]*");
    static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    static final int EXTERNAL_ID_MIN = 2;
    static final int EXTERNAL_ID_MAX = 1224;

    private StsLimits() {
    }

}
