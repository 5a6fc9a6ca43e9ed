package com.cksconsole.security;

import java.security.SecureRandom;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import com.cksconsole.security.accounts.PasswordHashes;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;

/**
 * Creates the administrator {@code admin} when the console starts with no users at all,
 * so that a fresh installation can be signed into. Several instances may start at once
 * against one database: only the first insert wins, the others see the duplicate key and
 * do nothing.
 */
@Component
class BootstrapAdministrator implements ApplicationRunner {

    static final String USERNAME = "admin";

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private static final int GENERATED_LENGTH = 24;

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);

    private final UserAccountRepository users;

    private final PasswordEncoder passwordEncoder;

    private final ConsoleSecurityProperties properties;

    private final SecureRandom random = new SecureRandom();

    BootstrapAdministrator(UserAccountRepository users, PasswordEncoder passwordEncoder,
            ConsoleSecurityProperties properties) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        String configured = properties.bootstrapAdminPassword();
        boolean generated = configured == null || configured.isBlank();
        String initial = configured == null || configured.isBlank() ? generate() : configured;
        try {
            users.insert(new UserAccount(USERNAME, PasswordHashes.hash(passwordEncoder, initial), Set.of(Role.ADMIN),
                    true, generated));
        }
        catch (DuplicateKeyException raceWithAnotherInstance) {
            return;
        }
        if (generated) {
            // The one deliberate exception to "never log a credential": a fresh
            // installation has no other
            // channel to hand over its first password. It is single-use: the console
            // forces a change.
            log.warn("""

                    ==========================================================================
                     Custom Key Store Console created the administrator '{}'.
                     Initial sign-in secret (shown once, must be changed at first sign-in):

                         {}

                     Set CONSOLE_ADMIN_PASSWORD before the first start to choose it yourself.
                    ==========================================================================
                    """, USERNAME, initial);
        }
        else {
            log.info("Created the administrator '{}' with the configured bootstrap credential.", USERNAME);
        }
    }

    private String generate() {
        var sb = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

}
