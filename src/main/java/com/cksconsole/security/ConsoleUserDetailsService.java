package com.cksconsole.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import com.cksconsole.security.accounts.TargetGrantRepository;
import com.cksconsole.security.accounts.UserAccountRepository;

/**
 * Loads console users for the password check. Deliberately not a bean: as one, Spring
 * Security would also build a global authentication manager on it that bypasses sign-in
 * throttling.
 */
class ConsoleUserDetailsService implements UserDetailsService {

    private final UserAccountRepository users;

    private final TargetGrantRepository grants;

    private final SsoProperties.LocalSignIn localSignIn;

    ConsoleUserDetailsService(UserAccountRepository users, TargetGrantRepository grants,
            SsoProperties.LocalSignIn localSignIn) {
        this.users = users;
        this.grants = grants;
        this.localSignIn = localSignIn;
    }

    /**
     * The account first, then its grants: a grant changed in between has also moved the
     * account's session version on, so the session signed in with the older version ends
     * at its next request. (The other order could pair old grants with the new version.)
     */
    @Override
    public UserDetails loadUserByUsername(String username) {
        var account = users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        // An account that may not sign in with a password while single sign-on is on
        // fails like an unknown one: the same answer, counted by the throttle and
        // audited, and its password never checked.
        if (!localSignIn.allows(account)) {
            throw new UsernameNotFoundException("local sign-in not allowed");
        }
        return SignedInUser.of(account, grants.grantsOf(username));
    }

}
