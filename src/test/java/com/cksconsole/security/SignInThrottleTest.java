package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.support.MigratedH2;
import com.cksconsole.support.MutableClock;

/** The throttling rules, on a real (H2) table and a clock the test moves. */
class SignInThrottleTest {

    private static final SignInProperties PROPERTIES = new SignInProperties(3, Duration.ofSeconds(60), 10, 5, 50,
            Duration.ofMinutes(15), Duration.ofHours(8));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

    private final List<Object> published = new ArrayList<>();

    private SignInThrottleRepository repository;

    private SignInThrottle throttle;

    private DataSourceTransactionManager transactions;

    /**
     * One migrated database for the class, emptied before each test: migrating a new one
     * per test made this class, which the mutation gate runs against every mutant of the
     * throttle, the slowest part of the gate.
     */
    private static DriverManagerDataSource dataSource;

    @BeforeAll
    static void migrateOnce() {
        dataSource = MigratedH2.newDatabase();
    }

    @BeforeEach
    void setUp() {
        JdbcClient.create(dataSource).sql("delete from sign_in_throttle").update();
        repository = new SignInThrottleRepository(JdbcClient.create(dataSource));
        transactions = new DataSourceTransactionManager(dataSource);
        throttle = new SignInThrottle(repository, PROPERTIES, clock, transactions, published::add);
    }

    /** Attempts whose passwords turn out wrong: admitted or not, each counts. */
    private void fail(int times, String user, String address) {
        for (int i = 0; i < times; i++) {
            throttle.admit(user, address);
        }
    }

    private int failures(String key) {
        return repository.find(key).orElseThrow().failures();
    }

    /**
     * Whether an attempt would be admitted now, read from the stored waits and locks
     * (without counting one).
     */
    private boolean admitsNow(String user, String address) {
        Instant now = clock.instant();
        return Stream.of(SignInThrottle.userKey(user), SignInThrottle.addressKey(address))
            .map(repository::find)
            .flatMap(Optional::stream)
            .noneMatch(entry -> isAfter(entry.lockedUntil(), now) || isAfter(entry.notBefore(), now));
    }

    private static boolean isAfter(@Nullable Instant instant, Instant now) {
        return instant != null && instant.isAfter(now);
    }

    @Test
    void theFreeFailuresCauseNoWait() {
        fail(2, "alice", "10.0.0.1");
        assertThat(admitsNow("alice", "10.0.0.1")).isTrue();
    }

    @Test
    void theThirdFailureStartsAOneSecondWait() {
        fail(3, "alice", "10.0.0.1");
        assertThat(admitsNow("alice", "10.0.0.2")).isFalse();
        clock.advance(Duration.ofMillis(999));
        assertThat(admitsNow("alice", "10.0.0.2")).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(admitsNow("alice", "10.0.0.2")).isTrue();
    }

    @Test
    void theWaitDoublesWithEachFailureUpToTheMaximum() {
        assertThat(throttle.delayAfter(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.delayAfter(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(throttle.delayAfter(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(throttle.delayAfter(40)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theTenthFailureLocksTheAccountForTheLockoutDurationAndIsPublished() {
        fail(9, "bob", "10.0.0.1");
        assertThat(published).isEmpty();
        fail(1, "bob", "10.0.0.1");
        assertThat(published).singleElement().isInstanceOfSatisfying(SignInLockedEvent.class, event -> {
            assertThat(event.throttleKey()).isEqualTo("user:bob");
            assertThat(event.failures()).isEqualTo(10);
        });
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(admitsNow("bob", "10.9.9.9")).as("locked from any address").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(admitsNow("bob", "10.9.9.9")).isTrue();
    }

    @Test
    void failuresOlderThanTheLockoutDurationAreForgotten() {
        fail(9, "carol", "10.0.0.1");
        clock.advance(Duration.ofMinutes(16));
        fail(1, "carol", "10.0.0.1");
        assertThat(published).isEmpty();
        assertThat(admitsNow("carol", "10.0.0.1")).isTrue();
    }

    @Test
    void anAddressIsLockedAfterItsLockoutFailures() {
        for (int i = 0; i < 50; i++) {
            throttle.admit("spray" + i, "198.51.100.1");
        }
        assertThat(published).extracting(event -> ((SignInLockedEvent) event).throttleKey())
            .contains("ip:198.51.100.1");
        clock.advance(Duration.ofMinutes(14));
        assertThat(admitsNow("anyone", "198.51.100.1")).isFalse();
    }

    @Test
    void anUnknownUserNameIsThrottledLikeARealOne() {
        fail(3, "no-such-user", "10.0.0.1");
        assertThat(admitsNow("no-such-user", "10.0.0.3")).isFalse();
    }

    @Test
    void userNamesAreThrottledWhateverTheirCase() {
        fail(3, "Alice", "10.0.0.1");
        assertThat(admitsNow("alice", "10.0.0.3")).isFalse();
    }

    @Test
    void oneAddressGuessingManyAccountsIsThrottledAfterItsOwnFreeFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.admit("user" + i, "192.0.2.7");
        }
        assertThat(admitsNow("someone-else", "192.0.2.7")).isTrue();
        throttle.admit("user4", "192.0.2.7");
        assertThat(admitsNow("someone-else", "192.0.2.7")).isFalse();
        assertThat(admitsNow("someone-else", "192.0.2.8")).isTrue();
    }

    @Test
    void aSuccessForgetsTheAccountsFailuresButNotTheAddresses() {
        fail(5, "dave", "192.0.2.9");
        clock.advance(Duration.ofSeconds(4));
        var right = throttle.admit("dave", "192.0.2.10");
        assertThat(right.admitted()).isTrue();

        throttle.succeeded(right);

        assertThat(failures(SignInThrottle.userKey("dave"))).isZero();
        assertThat(admitsNow("dave", "192.0.2.11")).isTrue();
        assertThat(failures(SignInThrottle.addressKey("192.0.2.9"))).isEqualTo(5);
        assertThat(failures(SignInThrottle.addressKey("192.0.2.10"))).as("the success is no failure").isZero();
    }

    @Test
    void anAttemptIsCountedAsAFailureBeforeItsPasswordIsChecked() {
        var first = throttle.admit("erin", "192.0.2.20");
        assertThat(first.admitted()).isTrue();
        assertThat(failures(SignInThrottle.userKey("erin"))).isEqualTo(1);
        assertThat(first.accountFailures()).isEqualTo(1);
    }

    @Test
    void anAttemptDuringAWaitIsRefusedAndCounted() {
        fail(3, "frank", "192.0.2.21");
        var early = throttle.admit("frank", "192.0.2.22");
        assertThat(early.admitted()).isFalse();
        assertThat(failures(SignInThrottle.userKey("frank"))).isEqualTo(4);
    }

    @Test
    void aSuccessKeepsTheFailuresCountedWhileItsPasswordWasChecked() {
        var right = throttle.admit("grace", "192.0.2.30");
        for (int i = 0; i < 9; i++) {
            throttle.admit("grace", "192.0.2.31");
        }

        throttle.succeeded(right);

        assertThat(failures(SignInThrottle.userKey("grace"))).as("its own failure taken back, the others kept")
            .isEqualTo(9);
        assertThat(admitsNow("grace", "192.0.2.32")).isFalse();
    }

    @Test
    void aSuccessDoesNotReopenAnAccountTheBurstAroundItLocked() {
        var right = throttle.admit("heidi", "192.0.2.40");
        for (int i = 0; i < 10; i++) {
            throttle.admit("heidi", "192.0.2.41");
        }

        throttle.succeeded(right);

        assertThat(failures(SignInThrottle.userKey("heidi"))).isEqualTo(10);
        clock.advance(Duration.ofMinutes(14));
        assertThat(admitsNow("heidi", "192.0.2.42")).as("still locked").isFalse();
    }

    @Test
    void aUserNameUpToTheLongestThereIsKeepsItsNameLongerOnesOnlyAHash() {
        String longest = "a".repeat(SignInThrottle.MAX_USERNAME_LENGTH);
        assertThat(SignInThrottle.userKey(longest)).isEqualTo("user:" + longest);
        String tooLong = longest + "b";
        assertThat(SignInThrottle.userKey(tooLong)).startsWith("user#")
            .doesNotContain(longest)
            .hasSize("user#".length() + 64);
        assertThat(SignInThrottle.userKey("x".repeat(10_000))).hasSize("user#".length() + 64)
            .isNotEqualTo(SignInThrottle.userKey("x".repeat(10_001)));
        assertThat(SignInThrottle.userKey(tooLong.toUpperCase())).as("case-folded before hashing")
            .isEqualTo(SignInThrottle.userKey(tooLong));
    }

    @Test
    void aNameThatGrowsWhenCaseFoldedIsMeasuredAfterFolding() {
        // U+0130 (capital I with dot) folds to two characters: 64 of them make a
        // 128-character name.
        String growing = "\u0130".repeat(SignInThrottle.MAX_USERNAME_LENGTH);
        assertThat(SignInThrottle.userKey(growing)).startsWith("user#");
        fail(1, growing, "192.0.2.50");
        assertThat(failures(SignInThrottle.userKey(growing))).isEqualTo(1);
    }

    @Test
    void anAddressTooLongForTheColumnIsKeptAsAHash() {
        String address = "2001:db8::" + "f".repeat(200);
        assertThat(SignInThrottle.addressKey(address)).startsWith("ip#").hasSize("ip#".length() + 64);
        fail(1, "ivan", address);
        assertThat(failures(SignInThrottle.addressKey(address))).isEqualTo(1);
    }

    /**
     * A locked account refuses every attempt until the lock ends (from any address, the
     * wait of the free failures long over), and admits one at the moment it ends.
     */
    @Test
    void aLockedAccountRefusesAttemptsUntilTheLockEnds() {
        fail(10, "bob", "10.0.0.1");
        fail(10, "carl", "10.0.0.2");
        clock.advance(Duration.ofMinutes(15).minusMillis(1));

        assertThat(throttle.admit("bob", "10.9.9.1").admitted()).as("a millisecond before the end").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.admit("carl", "10.9.9.2").admitted()).as("at the end").isTrue();
    }

    /**
     * An attempt refused during a lock is counted, but the lock is published only once.
     */
    @Test
    void aLockIsPublishedOnceNotForEachAttemptDuringIt() {
        fail(12, "bob", "10.0.0.1");

        assertThat(published).singleElement()
            .isInstanceOfSatisfying(SignInLockedEvent.class, event -> assertThat(event.failures()).isEqualTo(10));
        assertThat(failures(SignInThrottle.userKey("bob"))).isEqualTo(12);
    }

    /**
     * An address that has to wait refuses the attempt of an account that does not: the
     * address alone decides then.
     */
    @Test
    void anAttemptFromAWaitingAddressIsRefusedEvenForAnAccountWithoutFailures() {
        for (int i = 0; i < 5; i++) {
            throttle.admit("user" + i, "192.0.2.7");
        }

        assertThat(throttle.admit("someone-else", "192.0.2.7").admitted()).isFalse();
        assertThat(throttle.admit("someone-else-again", "192.0.2.8").admitted()).isTrue();
    }

    /**
     * A counted failure has its own transaction: it stands even when the caller's
     * transaction rolls back.
     */
    @Test
    void aCountedFailureStandsWhenTheCallersTransactionRollsBack() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            throttle.admit("judy", "192.0.2.60");
            status.setRollbackOnly();
        });

        assertThat(failures(SignInThrottle.userKey("judy"))).isEqualTo(1);
        assertThat(failures(SignInThrottle.addressKey("192.0.2.60"))).isEqualTo(1);
    }

    /**
     * The warning of a lock names an account without its name (people type passwords into
     * it) and an address with the address, unless it was too long and kept hashed.
     */
    @Test
    void theWarningOfALockNeverNamesTheUserButNamesTheAddress() {
        var strict = new SignInThrottle(repository,
                new SignInProperties(1, Duration.ofSeconds(60), 2, 1, 2, Duration.ofMinutes(15), Duration.ofHours(8)),
                clock, transactions, published::add);
        var warnings = new ListAppender<ILoggingEvent>();
        warnings.start();
        var logger = (Logger) LoggerFactory.getLogger(SignInThrottle.class);
        logger.addAppender(warnings);
        String longAddress = "2001:db8::" + "f".repeat(200);
        try {
            strict.admit("Hunter2-Password", "203.0.113.5");
            strict.admit("Hunter2-Password", "203.0.113.5");
            strict.admit("x".repeat(100), longAddress);
            strict.admit("y".repeat(100), longAddress);
        }
        finally {
            logger.detachAppender(warnings);
        }

        assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage)
            .allMatch(message -> message.startsWith("Sign-in locked for an "))
            .noneMatch(message -> message.toLowerCase(Locale.ROOT).contains("hunter2"))
            .noneMatch(message -> message.contains("ffff"))
            .extracting(message -> message.substring("Sign-in locked for an ".length(), message.indexOf(" until")))
            .containsExactlyInAnyOrder("account", "address (203.0.113.5)", "address");
    }

    /**
     * An address key keeps the address up to the column's 128 characters, and only a hash
     * of a longer one.
     */
    @Test
    void anAddressKeyKeepsTheAddressUpToTheColumnsLength() {
        String longest = "a".repeat(128 - "ip:".length());

        assertThat(SignInThrottle.addressKey(longest)).isEqualTo("ip:" + longest);
        assertThat(SignInThrottle.addressKey(longest + "a")).isEqualTo("ip#" + SignInThrottle.sha256(longest + "a"));
    }

    /**
     * The user name is read back from an account key that keeps it; a hashed name and an
     * address have none. Both kinds of account key are account keys, no address key is.
     */
    @Test
    void theUserNameIsReadBackOnlyFromAnAccountKeyThatKeepsIt() {
        String hashed = SignInThrottle.userKey("x".repeat(100));

        assertThat(SignInThrottle.userNameIn(SignInThrottle.userKey(" Alice "))).isEqualTo("alice");
        assertThat(SignInThrottle.userNameIn(hashed)).isNull();
        assertThat(SignInThrottle.userNameIn(SignInThrottle.addressKey("192.0.2.1"))).isNull();
        assertThat(SignInThrottle.isAccountKey(SignInThrottle.userKey("alice"))).isTrue();
        assertThat(SignInThrottle.isAccountKey(hashed)).isTrue();
        assertThat(SignInThrottle.isAccountKey(SignInThrottle.addressKey("192.0.2.1"))).isFalse();
        assertThat(SignInThrottle.isAccountKey(SignInThrottle.addressKey("f".repeat(200)))).isFalse();
    }

}
