package com.cksconsole.security.accounts;

import java.util.Set;

/**
 * A console user as stored. The password hash is read only to check a password and is
 * kept out of {@link #toString()}.
 *
 * @param sessionVersion incremented by every change of the user's rights or password; a
 * session signed in under an older version is ended at its next request (the session
 * rules of {@code security})
 */
public record UserAccount(String username, String passwordHash, Set<Role> roles, boolean enabled,
        boolean mustChangePassword, long sessionVersion) {

    public UserAccount {
        roles = Set.copyOf(roles);
    }

    /** A new account, before it is stored (the database gives it version 0). */
    public UserAccount(String username, String passwordHash, Set<Role> roles, boolean enabled,
            boolean mustChangePassword) {
        this(username, passwordHash, roles, enabled, mustChangePassword, 0);
    }

    @Override
    public String toString() {
        return "UserAccount[username=" + username + ", roles=" + roles + ", enabled=" + enabled
                + ", mustChangePassword=" + mustChangePassword + ", sessionVersion=" + sessionVersion + "]";
    }
}
