package com.cksconsole.security.accounts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

import com.cksconsole.targets.TargetName;

/**
 * What a single-sign-on user's groups give them, by the one rule of the mappings: every
 * mapping of the provider whose group is among the user's groups adds its role,
 * console-wide or on its target; on one target OPERATOR wins over VIEWER. Groups are
 * compared exactly (case and spaces included), so a look-alike group gives nothing.
 *
 * @param roles the console-wide roles
 * @param grants the roles per target, at most one per target, by target name
 */
public record GroupRoles(Set<Role> roles, List<TargetGrant> grants) {

    public GroupRoles {
        roles = Set.copyOf(roles);
        grants = List.copyOf(grants);
    }

    public static GroupRoles of(Collection<GroupMapping> mappings, String provider, Collection<String> groups) {
        var roles = EnumSet.noneOf(Role.class);
        var perTarget = new HashMap<TargetName, Role>();
        for (GroupMapping mapping : mappings) {
            if (!mapping.provider().equals(provider) || !groups.contains(mapping.group())) {
                continue;
            }
            var target = mapping.target();
            if (target == null) {
                roles.add(mapping.role());
            }
            else {
                perTarget.merge(target, mapping.role(),
                        (a, b) -> a == Role.OPERATOR || b == Role.OPERATOR ? Role.OPERATOR : Role.VIEWER);
            }
        }
        var grants = new ArrayList<TargetGrant>();
        perTarget.forEach((target, role) -> grants.add(new TargetGrant(target, role)));
        grants.sort(null);
        return new GroupRoles(roles, grants);
    }

    /** No role anywhere: such a user is refused at sign-in. */
    public boolean none() {
        return roles.isEmpty() && grants.isEmpty();
    }

}
