package com.cksconsole.targets.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.targets.RegisteredTarget;
import com.cksconsole.targets.Target;
import com.cksconsole.targets.TargetAccess;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetRules;

/**
 * The add/edit form of a target, as typed: strings, so that a wrong value comes back as
 * typed with its error next to it. The rules themselves are {@link TargetRules}; this
 * record only converts.
 */
record TargetForm(@Nullable String name, @Nullable String label, @Nullable String accountId, @Nullable String region,
        @Nullable String access, @Nullable String profileName, @Nullable String roleArn, @Nullable String externalId,
        @Nullable String sessionName, @Nullable String kmsEndpoint, @Nullable String storeQuota,
        @Nullable String credentialRotationDays, @Nullable String version) {

    static TargetForm empty() {
        return new TargetForm("", "", "", "", TargetAccess.ASSUME_ROLE.name(), "", "", "", "", "",
                String.valueOf(Target.DEFAULT_STORE_QUOTA), String.valueOf(Target.DEFAULT_CREDENTIAL_ROTATION_DAYS),
                "");
    }

    static TargetForm of(RegisteredTarget registered) {
        Target t = registered.target();
        return new TargetForm(t.name().value(), t.label(), t.accountId(), t.region(), t.access().name(),
                t.profileName(), t.roleArn(), t.externalId(), t.sessionName(),
                t.kmsEndpoint() == null ? "" : t.kmsEndpoint().toString(), String.valueOf(t.storeQuota()),
                String.valueOf(t.credentialRotationDays()), String.valueOf(registered.version()));
    }

    /**
     * The form with the name fixed (the name of an existing target never changes: it is
     * in URLs).
     */
    TargetForm withName(String fixedName) {
        return new TargetForm(fixedName, label, accountId, region, access, profileName, roleArn, externalId,
                sessionName, kmsEndpoint, storeQuota, credentialRotationDays, version);
    }

    /**
     * The target typed, or the problems that prevent reading it (the rest is
     * {@link TargetRules}' job).
     */
    Conversion toTarget(boolean enabled) {
        List<TargetRules.Problem> problems = new ArrayList<>();
        String typedName = trimmed(name);
        if (!TargetName.isValid(typedName)) {
            problems.add(new TargetRules.Problem("name", "A name is 1 to " + TargetName.MAX_LENGTH
                    + " lower-case letters, digits and hyphens, starting with a letter or digit."));
        }
        TargetAccess typedAccess = null;
        try {
            typedAccess = TargetAccess.valueOf(trimmed(access));
        }
        catch (IllegalArgumentException unknown) {
            problems.add(new TargetRules.Problem("access", "Choose how the console reaches the account."));
        }
        int quota = Target.DEFAULT_STORE_QUOTA;
        try {
            quota = Integer.parseInt(trimmed(storeQuota));
        }
        catch (NumberFormatException notANumber) {
            problems.add(new TargetRules.Problem("storeQuota",
                    "The quota is a whole number from 1 to " + TargetRules.QUOTA_MAX + "."));
        }
        int rotationDays = Target.DEFAULT_CREDENTIAL_ROTATION_DAYS;
        try {
            // Left empty (or not sent, by a client older than the field): the default.
            if (!trimmed(credentialRotationDays).isEmpty()) {
                rotationDays = Integer.parseInt(trimmed(credentialRotationDays));
            }
        }
        catch (NumberFormatException notANumber) {
            problems.add(new TargetRules.Problem("credentialRotationDays", TargetRules.ROTATION_DAYS_PROBLEM));
        }
        URI endpoint = null;
        if (!trimmed(kmsEndpoint).isEmpty()) {
            try {
                endpoint = new URI(trimmed(kmsEndpoint));
            }
            catch (URISyntaxException malformed) {
                problems.add(new TargetRules.Problem("kmsEndpoint", "This is not an address."));
            }
        }
        if (!problems.isEmpty() || typedAccess == null) {
            return new Conversion(null, problems);
        }
        boolean role = typedAccess == TargetAccess.ASSUME_ROLE;
        var target = new Target(new TargetName(typedName), trimmed(label), trimmed(accountId), trimmed(region),
                typedAccess, typedAccess == TargetAccess.PROFILE ? orNull(profileName) : null,
                role ? orNull(roleArn) : null, role ? orNull(externalId) : null, role ? orNull(sessionName) : null,
                endpoint, quota, enabled, rotationDays);
        return new Conversion(target, TargetRules.check(target));
    }

    long expectedVersion() {
        try {
            return Long.parseLong(trimmed(version));
        }
        catch (NumberFormatException missing) {
            return -1;
        }
    }

    private static String trimmed(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    private static @Nullable String orNull(@Nullable String value) {
        String trimmed = trimmed(value);
        return trimmed.isEmpty() ? null : trimmed;
    }

    record Conversion(@Nullable Target target, List<TargetRules.Problem> problems) {
    }
}
