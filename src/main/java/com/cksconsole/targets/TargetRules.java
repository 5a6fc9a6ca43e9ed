package com.cksconsole.targets;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KmsTarget;

/**
 * The one definition of what a valid target is. The form shows these problems next to
 * their fields; the configuration seeds are refused at start-up with the same sentences.
 *
 * <p>
 * Field limits follow the STS AssumeRole API (AWS Security Token Service API Reference,
 * AssumeRole: {@code RoleArn} 20–2048, {@code RoleSessionName} 2–64 of
 * {@code [\w+=,.@-]}, {@code ExternalId} 2–1224 of {@code [\w+=,.@:/-]}) and IAM's role
 * ARN shape {@code arn:<partition>:iam::<account>:role/[<path>/]<name>}.
 */
public final class TargetRules {

    public static final int LABEL_MAX = 64;

    public static final int ROLE_ARN_MIN = 20;

    public static final int ROLE_ARN_MAX = 2048;

    public static final int SESSION_NAME_MIN = 2;

    public static final int SESSION_NAME_MAX = 64;

    public static final int EXTERNAL_ID_MIN = 2;

    public static final int EXTERNAL_ID_MAX = 1224;

    public static final int PROFILE_NAME_MAX = 64;

    public static final int QUOTA_MAX = 1000;

    /** The shortest rotation policy of the proxy credentials, in days. */
    public static final int ROTATION_DAYS_MIN = 1;

    /** The longest rotation policy of the proxy credentials, in days (ten years). */
    public static final int ROTATION_DAYS_MAX = 3650;

    static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]+");
    static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");
    static final Pattern PROFILE_NAME = Pattern.compile("[\\w+=,.@-]+");

    /** What is wrong with a rotation policy out of bounds or not a number. */
    public static final String ROTATION_DAYS_PROBLEM = "The rotation policy is a whole number of days from "
            + ROTATION_DAYS_MIN + " to " + ROTATION_DAYS_MAX + ".";

    private TargetRules() {
    }

    /** A problem with one field of a target. */
    public record Problem(String field, String message) {
    }

    /** Every problem of the given values; empty when the target is valid. */
    public static List<Problem> check(Target target) {
        List<Problem> problems = new ArrayList<>();
        if (target.label().isBlank() || target.label().length() > LABEL_MAX) {
            problems.add(new Problem("label", "Give a label of 1 to " + LABEL_MAX + " characters."));
        }
        if (!KmsTarget.isAccountId(target.accountId())) {
            problems.add(new Problem("accountId", "An AWS account ID is exactly 12 digits."));
        }
        if (!KmsTarget.isRegion(target.region())) {
            problems.add(new Problem("region", "Give a Region name such as eu-west-1 or us-east-1."));
        }
        if (target.storeQuota() < 1 || target.storeQuota() > QUOTA_MAX) {
            problems.add(new Problem("storeQuota", "The quota is a number from 1 to " + QUOTA_MAX + " (KMS allows "
                    + Target.DEFAULT_STORE_QUOTA + " unless AWS raised it for the account)."));
        }
        if (target.credentialRotationDays() < ROTATION_DAYS_MIN
                || target.credentialRotationDays() > ROTATION_DAYS_MAX) {
            problems.add(new Problem("credentialRotationDays", ROTATION_DAYS_PROBLEM));
        }
        checkEndpoint(target.kmsEndpoint()).ifPresent(problems::add);
        switch (target.access()) {
            case DEFAULT_CHAIN -> {
            }
            case PROFILE -> checkProfile(target.profileName()).ifPresent(problems::add);
            case ASSUME_ROLE -> problems.addAll(checkRole(target));
        }
        return problems;
    }

    private static Optional<Problem> checkProfile(@Nullable String profileName) {
        if (profileName == null || profileName.isEmpty() || profileName.length() > PROFILE_NAME_MAX
                || !PROFILE_NAME.matcher(profileName).matches()) {
            return Optional.of(new Problem("profileName", "Give the profile's name as in ~/.aws/config: 1 to "
                    + PROFILE_NAME_MAX + " letters, digits or _+=,.@- (no spaces)."));
        }
        return Optional.empty();
    }

    private static List<Problem> checkRole(Target target) {
        List<Problem> problems = new ArrayList<>();
        String roleArn = target.roleArn();
        if (roleArn == null || roleArn.length() < ROLE_ARN_MIN || roleArn.length() > ROLE_ARN_MAX) {
            problems.add(new Problem("roleArn", "Give the role's ARN (" + ROLE_ARN_MIN + " to " + ROLE_ARN_MAX
                    + " characters), such as arn:aws:iam::111122223333:role/KmsCustodian."));
        }
        else {
            Matcher arn = ROLE_ARN.matcher(roleArn);
            if (!arn.matches()) {
                problems
                    .add(new Problem("roleArn", "A role ARN looks like arn:aws:iam::111122223333:role/KmsCustodian."));
            }
            else if (!arn.group(1).equals(target.accountId())) {
                problems.add(new Problem("roleArn", "This role belongs to account " + arn.group(1)
                        + ", not to the target's account " + target.accountId() + "."));
            }
        }
        String externalId = target.externalId();
        if (externalId != null && (externalId.length() < EXTERNAL_ID_MIN || externalId.length() > EXTERNAL_ID_MAX
                || !EXTERNAL_ID.matcher(externalId).matches())) {
            problems.add(new Problem("externalId", "An external ID is " + EXTERNAL_ID_MIN + " to " + EXTERNAL_ID_MAX
                    + " letters, digits or _+=,.@:/- (leave it empty when the role needs none)."));
        }
        String sessionName = target.sessionName();
        if (sessionName != null && (sessionName.length() < SESSION_NAME_MIN || sessionName.length() > SESSION_NAME_MAX
                || !SESSION_NAME.matcher(sessionName).matches())) {
            problems.add(new Problem("sessionName", "A session name is " + SESSION_NAME_MIN + " to " + SESSION_NAME_MAX
                    + " letters, digits or _+=,.@- (no spaces)."));
        }
        return problems;
    }

    private static Optional<Problem> checkEndpoint(@Nullable URI endpoint) {
        if (endpoint == null) {
            return Optional.empty();
        }
        boolean https = "https".equals(endpoint.getScheme());
        boolean loopbackHttp = "http".equals(endpoint.getScheme()) && isLoopback(endpoint.getHost());
        if (endpoint.getHost() == null || !(https || loopbackHttp) || endpoint.getQuery() != null
                || endpoint.getUserInfo() != null) {
            return Optional.of(new Problem("kmsEndpoint", "A KMS endpoint is an https:// address without "
                    + "query or user name, such as https://vpce-0abc-kms.eu-west-1.vpce.amazonaws.com."));
        }
        return Optional.empty();
    }

    private static boolean isLoopback(@Nullable String host) {
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
    }

    /** The account a role ARN belongs to, if it is a role ARN. */
    public static Optional<String> roleAccount(@Nullable String roleArn) {
        if (roleArn == null) {
            return Optional.empty();
        }
        Matcher arn = ROLE_ARN.matcher(roleArn);
        return arn.matches() ? Optional.of(arn.group(1)) : Optional.empty();
    }

    /**
     * The account of an STS caller or assumed-role ARN
     * ({@code arn:aws:sts::<account>:assumed-role/...}).
     */
    public static Optional<String> accountOfArn(@Nullable String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && KmsTarget.isAccountId(parts[4]) ? Optional.of(parts[4]) : Optional.empty();
    }

}
