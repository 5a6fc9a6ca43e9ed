package com.cksconsole.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down and then stops password guessing, per account and per source address (OWASP ASVS 2.2.1).
 * After {@code freeFailures} failures each further attempt must wait, the wait doubling up to {@code maxDelay};
 * after {@code lockoutFailures} failures the account (or address) is locked for {@code lockoutDuration}.
 * Attempts during a wait or lock are refused without checking the password (and count as failures), with
 * the same answer as a wrong password, and names that do not exist are counted like real ones, so nothing reveals which users exist.
 * A wait is enforced by refusing early attempts, never by holding a request thread.
 */
@Component
class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final SignInThrottleRepository repository;
    private final SignInProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SignInThrottle(SignInThrottleRepository repository, SignInProperties properties, Clock clock,
                   ApplicationEventPublisher events) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    /** True when an attempt for this user from this address may be checked now. */
    @Transactional(readOnly = true)
    boolean allows(String username, String address) {
        Instant now = clock.instant();
        return open(userKey(username), now) && open(addressKey(address), now);
    }

    @Transactional
    void failed(String username, String address) {
        Instant now = clock.instant();
        count(userKey(username), properties.freeFailures(), properties.lockoutFailures(), now);
        count(addressKey(address), properties.addressFreeFailures(), properties.addressLockoutFailures(), now);
    }

    /** A successful sign-in forgets the account's failures (not the address's: one good account must not
     * reset the guessing budget of a whole address). */
    @Transactional
    void succeeded(String username) {
        repository.clear(userKey(username));
    }

    private boolean open(String key, Instant now) {
        return repository.find(key)
                .map(entry -> !isAfter(entry.lockedUntil(), now) && !isAfter(entry.notBefore(), now))
                .orElse(true);
    }

    private void count(String key, int freeFailures, int lockoutFailures, Instant now) {
        var previous = repository.find(key)
                .filter(entry -> entry.lastFailureAt().plus(properties.lockoutDuration()).isAfter(now));
        int failures = previous.map(SignInThrottleRepository.Entry::failures).orElse(0) + 1;
        Instant lockedUntil = null;
        Instant notBefore = null;
        if (failures >= lockoutFailures) {
            lockedUntil = now.plus(properties.lockoutDuration());
            if (failures == lockoutFailures) {
                // Never the typed user name: people type passwords into it. The audit log has the details.
                log.warn("Sign-in locked for an {} until {} after {} failed attempts",
                        key.startsWith("ip:") ? "address (" + key.substring(3) + ")" : "account", lockedUntil, failures);
                events.publishEvent(new SignInLockedEvent(key, lockedUntil, failures));
            }
        } else if (failures >= freeFailures) {
            notBefore = now.plus(delayAfter(failures - freeFailures));
        }
        repository.save(key, new SignInThrottleRepository.Entry(failures, now, notBefore, lockedUntil));
    }

    /** 1 s after the first failure past the free ones (counted from 0), then doubling, capped at maxDelay. */
    Duration delayAfter(int failuresPastTheFreeOnes) {
        int exponent = Math.min(failuresPastTheFreeOnes, 30);
        Duration delay = Duration.ofSeconds(1L << exponent);
        return delay.compareTo(properties.maxDelay()) > 0 ? properties.maxDelay() : delay;
    }

    private static boolean isAfter(Instant time, Instant now) {
        return time != null && time.isAfter(now);
    }

    static String userKey(String username) {
        return "user:" + username.strip().toLowerCase(Locale.ROOT);
    }

    static String addressKey(String address) {
        return "ip:" + address;
    }
}
