package com.cksconsole.security.accounts;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.cksconsole.targets.TargetName;

/**
 * One rule of single sign-on: members of {@code group} at identity provider
 * {@code provider} get {@code role}, console-wide (no target) or on one target only (a
 * grant: VIEWER or OPERATOR, see {@link TargetGrant#GRANTABLE}). Stored in
 * {@code sso_group_mapping} (V104); read by {@link GroupRoles} at every sign-in and at
 * every request of a single-sign-on session.
 *
 * @param id the row's ID (0 before it is stored)
 * @param provider the provider's registration ID ({@code console.sso.providers.<id>})
 * @param group the group as the provider sends it in its groups claim, compared exactly
 * @param target the target the role is limited to; null: console-wide
 * @param role the role the group gives
 * @param createdBy who added the mapping (the audit actor)
 * @param createdAt when
 */
public record GroupMapping(long id, String provider, String group, @Nullable TargetName target, Role role,
        String createdBy, Instant createdAt) {

    /** The longest group name or object ID the console keeps (the column's length). */
    public static final int MAX_GROUP_LENGTH = 255;

    public GroupMapping {
        if (provider.isBlank() || group.isEmpty() || group.length() > MAX_GROUP_LENGTH) {
            throw new IllegalArgumentException(
                    "A group mapping names a provider and a group of 1 to " + MAX_GROUP_LENGTH + " characters");
        }
        if (target != null && !TargetGrant.grantable(role)) {
            throw new IllegalArgumentException("Only VIEWER or OPERATOR can be given on one target");
        }
    }

    public Optional<TargetName> onTarget() {
        return Optional.ofNullable(target);
    }

}
