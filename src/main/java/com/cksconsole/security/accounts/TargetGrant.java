package com.cksconsole.security.accounts;

import java.util.Set;

import com.cksconsole.targets.TargetName;

/**
 * A user's role on one target, besides their global roles: OPERATOR (which includes
 * VIEWER) or VIEWER on that target only. AUDITOR and ADMIN are console-wide duties and
 * cannot be granted per target.
 */
public record TargetGrant(TargetName target, Role role) implements Comparable<TargetGrant> {

    /** The roles a grant may give, in the order the pages offer them. */
    public static final Set<Role> GRANTABLE = Set.of(Role.VIEWER, Role.OPERATOR);

    public TargetGrant {
        if (!GRANTABLE.contains(role)) {
            throw new IllegalArgumentException("Only VIEWER or OPERATOR can be granted on a target");
        }
    }

    public static boolean grantable(Role role) {
        return GRANTABLE.contains(role);
    }

    @Override
    public int compareTo(TargetGrant other) {
        return target.compareTo(other.target);
    }

}
