package com.cksconsole.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in throttling and session lifetime.
 *
 * @param freeFailures failed sign-ins of one account before delays start
 * @param maxDelay the longest wait between two attempts once delays have started (they
 * double each failure)
 * @param lockoutFailures failed sign-ins of one account that lock it
 * @param addressFreeFailures failed sign-ins from one source address before delays start
 * for it (higher than for an account: many people may share an address behind a NAT or
 * proxy)
 * @param addressLockoutFailures failed sign-ins from one source address that lock that
 * address
 * @param lockoutDuration how long a lock lasts; failures older than this are forgotten
 * @param absoluteSessionTimeout the longest a session lives, however active (the idle
 * timeout is {@code server.servlet.session.timeout})
 */
@ConfigurationProperties("console.security.sign-in")
record SignInProperties(@DefaultValue("3") int freeFailures, @DefaultValue("60s") Duration maxDelay,
        @DefaultValue("10") int lockoutFailures, @DefaultValue("20") int addressFreeFailures,
        @DefaultValue("50") int addressLockoutFailures, @DefaultValue("15m") Duration lockoutDuration,
        @DefaultValue("8h") Duration absoluteSessionTimeout) {
}
