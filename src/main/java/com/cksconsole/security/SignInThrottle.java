package com.cksconsole.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.security.SignInThrottleRepository.Entry;

/**
 * Slows down and then stops password guessing, per account and per source address (OWASP
 * ASVS 2.2.1). After {@code freeFailures} failures each further attempt must wait, the
 * wait doubling up to {@code maxDelay}; after {@code lockoutFailures} failures the
 * account (or address) is locked for {@code lockoutDuration}. Attempts during a wait or
 * lock are refused without checking the password (and count as failures), with the same
 * answer as a wrong password, and names that do not exist are counted like real ones, so
 * nothing reveals which users exist. A wait is enforced by refusing early attempts, never
 * by holding a request thread.
 *
 * <p>
 * Atomic across threads and instances: {@link #admit} decides whether a password may be
 * checked <em>and</em> counts the attempt as a failure in one database transaction that
 * holds the row locks of the account and the address ({@code select ... for update}), so
 * parallel attempts queue on those rows and each sees the ones before it. An attempt
 * counts as a failure until its password turns out right; only then does
 * {@link #succeeded} take its failure back, and it forgets the account's earlier failures
 * only if no other attempt was counted meanwhile: a right password in a burst of guesses
 * does not reopen the account the burst locked.
 */
@Component
class SignInThrottle {

    /**
     * The longest user name there is ({@code console_user.username}); longer typed names
     * are kept only hashed.
     */
    static final int MAX_USERNAME_LENGTH = 64;

    /** {@code sign_in_throttle.throttle_key}: longer keys are kept as a hash. */
    private static final int MAX_KEY_LENGTH = 128;

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    /**
     * One attempt as counted by {@link #admit}.
     *
     * @param admitted whether its password may be checked
     * @param accountFailures the account's failures right after this attempt was counted
     */
    record Attempt(String accountKey, String addressKey, boolean admitted, int accountFailures) {
    }

    private final SignInThrottleRepository repository;

    private final SignInProperties properties;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    /**
     * Its own transaction, whatever the caller's: a counted failure never rolls back with
     * the caller's work.
     */
    private final TransactionTemplate ownTransaction;

    SignInThrottle(SignInThrottleRepository repository, SignInProperties properties, Clock clock,
            PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Counts an attempt for this user from this address as a failure and tells whether
     * its password may be checked (only if neither the account nor the address was
     * waiting or locked before it), as one atomic step.
     */
    Attempt admit(String username, String address) {
        String accountKey = userKey(username);
        String addressKey = addressKey(address);
        createIfAbsent(accountKey);
        createIfAbsent(addressKey);
        List<SignInLockedEvent> locks = new ArrayList<>();
        Attempt attempt = ownTransaction.execute(status -> {
            Instant now = clock.instant();
            // Always the account first, then the address: every transaction locks in the
            // same order (no deadlock).
            Entry account = repository.lock(accountKey);
            Entry source = repository.lock(addressKey);
            boolean admitted = open(account, now) && open(source, now);
            Entry accountAfter = counted(accountKey, account, properties.freeFailures(), properties.lockoutFailures(),
                    now, locks);
            Entry sourceAfter = counted(addressKey, source, properties.addressFreeFailures(),
                    properties.addressLockoutFailures(), now, locks);
            repository.save(accountKey, accountAfter);
            repository.save(addressKey, sourceAfter);
            return new Attempt(accountKey, addressKey, admitted, accountAfter.failures());
        });
        // After the commit: the audit log records each lock, and can neither delay nor
        // undo it.
        locks.forEach(events::publishEvent);
        return attempt;
    }

    /**
     * The password of an admitted attempt was right: its failure is taken back. The
     * account's earlier failures are forgotten too, unless other attempts were counted
     * while its password was checked: then they stand, with any wait or lock. The
     * address's other failures always stand (with any wait or lock): one good account
     * must not reset the guessing budget of a whole address.
     */
    void succeeded(Attempt attempt) {
        ownTransaction.executeWithoutResult(status -> {
            Entry account = repository.lock(attempt.accountKey());
            Entry source = repository.lock(attempt.addressKey());
            repository.save(attempt.accountKey(), account.failures() == attempt.accountFailures()
                    ? new Entry(0, account.lastFailureAt(), null, null) : withdrawn(account));
            repository.save(attempt.addressKey(), withdrawn(source));
        });
    }

    /**
     * A row to lock: {@code select ... for update} cannot lock a row that does not exist
     * yet.
     */
    private void createIfAbsent(String key) {
        if (repository.find(key).isPresent()) {
            return;
        }
        try {
            ownTransaction.executeWithoutResult(status -> repository.insertEmpty(key, clock.instant()));
        }
        catch (DuplicateKeyException createdByAParallelAttempt) {
            // Fine: it exists now.
        }
    }

    private boolean open(Entry entry, Instant now) {
        return !isAfter(entry.lockedUntil(), now) && !isAfter(entry.notBefore(), now);
    }

    private Entry counted(String key, Entry entry, int freeFailures, int lockoutFailures, Instant now,
            List<SignInLockedEvent> locks) {
        boolean remembered = entry.lastFailureAt().plus(properties.lockoutDuration()).isAfter(now);
        int failures = (remembered ? entry.failures() : 0) + 1;
        Instant lockedUntil = null;
        Instant notBefore = null;
        if (failures >= lockoutFailures) {
            lockedUntil = now.plus(properties.lockoutDuration());
            if (failures == lockoutFailures) {
                // Never the typed user name: people type passwords into it. The audit log
                // has the details.
                String what = isAccountKey(key) ? "account"
                        : key.startsWith("ip:") ? "address (" + key.substring(3) + ")" : "address";
                log.warn("Sign-in locked for an {} until {} after {} failed attempts", what, lockedUntil, failures);
                locks.add(new SignInLockedEvent(key, lockedUntil, failures));
            }
        }
        else if (failures >= freeFailures) {
            notBefore = now.plus(delayAfter(failures - freeFailures));
        }
        return new Entry(failures, now, notBefore, lockedUntil);
    }

    /**
     * One failure fewer. A wait or lock stands: the attempts counted around this one (or
     * the address's other accounts) caused it, and a right password must not lift it for
     * them.
     */
    private static Entry withdrawn(Entry entry) {
        return new Entry(Math.max(0, entry.failures() - 1), entry.lastFailureAt(), entry.notBefore(),
                entry.lockedUntil());
    }

    /**
     * 1 s after the first failure past the free ones (counted from 0), then doubling,
     * capped at maxDelay.
     */
    Duration delayAfter(int failuresPastTheFreeOnes) {
        int exponent = Math.min(failuresPastTheFreeOnes, 30);
        Duration delay = Duration.ofSeconds(1L << exponent);
        return delay.compareTo(properties.maxDelay()) > 0 ? properties.maxDelay() : delay;
    }

    private static boolean isAfter(@Nullable Instant time, Instant now) {
        return time != null && time.isAfter(now);
    }

    /**
     * {@code user:<name>} for a name that could be a user's (case-folded),
     * {@code user#<SHA-256 of the name>} for a longer one: it fits the column, and a long
     * "name" is most likely a password typed into the wrong field.
     */
    static String userKey(String username) {
        String name = username.strip().toLowerCase(Locale.ROOT);
        return name.length() <= MAX_USERNAME_LENGTH ? "user:" + name : "user#" + sha256(name);
    }

    /**
     * {@code ip:<address>}, or {@code ip#<SHA-256>} for an address too long for the
     * column.
     */
    static String addressKey(String address) {
        String key = "ip:" + address;
        return key.length() <= MAX_KEY_LENGTH ? key : "ip#" + sha256(address);
    }

    /** The user name in a {@code user:} key; none for an address key or a hashed name. */
    static @Nullable String userNameIn(String key) {
        return key.startsWith("user:") ? key.substring("user:".length()) : null;
    }

    static boolean isAccountKey(String key) {
        return key.startsWith("user");
    }

    /**
     * SHA-256 of the text's UTF-8 bytes, in lower-case hex (this package's one helper).
     */
    static String sha256(String text) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

}
