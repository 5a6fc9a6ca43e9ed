package com.cksconsole.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings of the console.
 *
 * @param bootstrapAdminPassword password of the bootstrap administrator {@code admin},
 * used only when the user table is empty at start-up (set it with the environment
 * variable {@code CONSOLE_ADMIN_PASSWORD}); when empty, a random one is generated,
 * printed once to the log and must be changed at first sign-in
 */
@ConfigurationProperties("console.security")
record ConsoleSecurityProperties(@Nullable String bootstrapAdminPassword) {

    @Override
    public String toString() {
        return "ConsoleSecurityProperties[bootstrapAdminPassword=<redacted>]";
    }
}
