package com.cksconsole.sandbox.kms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The IAM roles the sandbox's STS knows ({@code console.sandbox.roles}), with their trust
 * policies.
 */
final class StsRoles {

    private static final char[] ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /**
     * A role as AssumeRole sees it.
     *
     * @param roleId the unique ID of the role ({@code AROA...}), part of the
     * AssumedRoleId
     * @param trustedAccounts the accounts the trust policy names as principals
     * @param externalId the trust policy's {@code sts:ExternalId} condition, if any
     * @param deniedActions the actions the role's permissions do not allow
     */
    record KnownRole(String arn, String accountId, String name, String roleId, Set<String> trustedAccounts,
            @Nullable String externalId, Duration maxSessionDuration, Set<String> deniedActions) {

        boolean trusts(String accountId) {
            return trustedAccounts.contains(accountId);
        }

        boolean allows(String action) {
            return !deniedActions.contains(action);
        }
    }

    private static final Pattern ASSUMED_ROLE = Pattern.compile("^arn:aws:sts::(\\d{12}):assumed-role/([^/]+)/.+$");

    private final Map<String, KnownRole> roles;

    StsRoles(List<SandboxWorldProperties.Role> configured, String defaultAccountId,
            List<SandboxWorldProperties.Account> accounts) {
        Set<String> known = new HashSet<>();
        known.add(defaultAccountId);
        accounts.forEach(account -> known.add(account.id()));
        Map<String, KnownRole> byArn = new LinkedHashMap<>();
        for (SandboxWorldProperties.Role role : configured) {
            Matcher arn = SandboxWorldProperties.ROLE_ARN.matcher(role.arn());
            if (!arn.matches()) {
                throw new IllegalArgumentException("console.sandbox.roles: '" + role.arn() + "' is not a role ARN");
            }
            String accountId = arn.group(1);
            if (!known.contains(accountId)) {
                throw new IllegalArgumentException("console.sandbox.roles: role " + role.arn() + " belongs to account "
                        + accountId + ", which is not in console.sandbox.accounts");
            }
            byArn.put(role.arn(),
                    new KnownRole(role.arn(), accountId, arn.group(3), roleId(role.arn()),
                            Set.copyOf(role.trustedAccounts()), role.externalId(), role.maxSessionDuration(),
                            Set.copyOf(role.deniedActions())));
        }
        this.roles = Map.copyOf(byArn);
    }

    Optional<KnownRole> find(String arn) {
        return Optional.ofNullable(roles.get(arn));
    }

    /**
     * Whether a caller may perform an action: long-term credentials may do everything; an
     * assumed-role session ({@code arn:aws:sts::<account>:assumed-role/<name>/<session>})
     * what its role allows.
     */
    boolean allows(String callerArn, String action) {
        Matcher session = ASSUMED_ROLE.matcher(callerArn);
        if (!session.matches()) {
            return true;
        }
        return roles.values()
            .stream()
            .filter(role -> role.accountId().equals(session.group(1)) && role.name().equals(session.group(2)))
            .allMatch(role -> role.allows(action));
    }

    /**
     * {@code AROA} and 17 characters derived from the ARN, so that the ID stays the same
     * across restarts.
     */
    private static String roleId(String arn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
            var id = new StringBuilder("AROA");
            for (int i = 0; i < 17; i++) {
                id.append(ID_CHARACTERS[(digest[i] & 0xff) % ID_CHARACTERS.length]);
            }
            return id.toString();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

}
