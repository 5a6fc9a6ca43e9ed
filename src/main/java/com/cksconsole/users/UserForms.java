package com.cksconsole.users;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.cksconsole.security.accounts.Role;

/**
 * The forms of the user administration pages. Password values never appear in toString or
 * in a page.
 */
final class UserForms {

    private UserForms() {
    }

    /**
     * A new user: name, roles and an initial password the user must change at the first
     * sign-in.
     */
    record NewUser(@Nullable String username, @Nullable Set<Role> roles, @Nullable String password,
            @Nullable String grantTarget, @Nullable String grantRole) {

        NewUser(@Nullable String username, @Nullable Set<Role> roles, @Nullable String password) {
            this(username, roles, password, null, null);
        }

        static NewUser empty() {
            return new NewUser("", Set.of(Role.VIEWER), "");
        }

        /** The optional role on one target given with the account. */
        UserAdministrationService.GrantRequest grant() {
            return new UserAdministrationService.GrantRequest(grantTarget, grantRole);
        }

        @Override
        public String toString() {
            return "NewUser[username=" + username + ", roles=" + roles + ", password=<redacted>, grantTarget="
                    + grantTarget + ", grantRole=" + grantRole + "]";
        }
    }

    /**
     * A role on one target (VIEWER or OPERATOR) for a user.
     */
    record Grant(@Nullable String target, @Nullable String role) {

        static Grant empty() {
            return new Grant("", "OPERATOR");
        }

        UserAdministrationService.GrantRequest request() {
            return new UserAdministrationService.GrantRequest(target, role);
        }
    }

    record Roles(@Nullable Set<Role> roles) {
    }

    /**
     * A password set by an administrator: the user must change it at the next sign-in.
     */
    record PasswordReset(@Nullable String password) {

        @Override
        public String toString() {
            return "PasswordReset[<redacted>]";
        }
    }

}
