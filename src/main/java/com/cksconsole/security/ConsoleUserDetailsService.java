package com.cksconsole.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import com.cksconsole.security.accounts.UserAccountRepository;

/**
 * Loads console users for the password check. Deliberately not a bean: as one, Spring
 * Security would also build a global authentication manager on it that bypasses sign-in
 * throttling.
 */
class ConsoleUserDetailsService implements UserDetailsService {

    private final UserAccountRepository users;

    ConsoleUserDetailsService(UserAccountRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var account = users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return SignedInUser.of(account);
    }

}
