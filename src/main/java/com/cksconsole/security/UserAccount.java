package com.cksconsole.security;

import java.util.Set;

/**
 * A console user as stored. The password hash never leaves the security package's persistence code and
 * is kept out of {@link #toString()}.
 */
record UserAccount(String username, String passwordHash, Set<Role> roles, boolean enabled,
                   boolean mustChangePassword) {

    UserAccount {
        roles = Set.copyOf(roles);
    }

    @Override
    public String toString() {
        return "UserAccount[username=" + username + ", roles=" + roles + ", enabled=" + enabled
                + ", mustChangePassword=" + mustChangePassword + "]";
    }
}
