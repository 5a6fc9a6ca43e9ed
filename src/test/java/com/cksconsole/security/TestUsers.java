package com.cksconsole.security;

import java.util.Set;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;

import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;

/**
 * Users that application tests sign in with over HTTP: unique names, so tests sharing a
 * context never meet.
 */
final class TestUsers {

    private TestUsers() {
    }

    /**
     * An enabled user with these roles and password (no change required); returns its
     * name.
     */
    static String given(UserAccountRepository users, PasswordEncoder encoder, String prefix, String password,
            Role... roles) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.insert(new UserAccount(name, encoder.encode(password), Set.of(roles), true, false));
        return name;
    }

}
