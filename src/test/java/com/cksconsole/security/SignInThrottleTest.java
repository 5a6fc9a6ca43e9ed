package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.cksconsole.support.MutableClock;

/** The throttling rules, on a real (H2) table and a clock the test moves. */
class SignInThrottleTest {

    private static final SignInProperties PROPERTIES =
            new SignInProperties(3, Duration.ofSeconds(60), 10, 5, 50, Duration.ofMinutes(15), Duration.ofHours(8));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final List<Object> published = new ArrayList<>();
    private SignInThrottle throttle;

    @BeforeEach
    void setUp() {
        var dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        throttle = new SignInThrottle(new SignInThrottleRepository(JdbcClient.create(dataSource)), PROPERTIES, clock,
                published::add);
    }

    private void fail(int times, String user, String address) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void theFreeFailuresCauseNoWait() {
        fail(2, "alice", "10.0.0.1");
        assertThat(throttle.allows("alice", "10.0.0.1")).isTrue();
    }

    @Test
    void theThirdFailureStartsAOneSecondWait() {
        fail(3, "alice", "10.0.0.1");
        assertThat(throttle.allows("alice", "10.0.0.2")).isFalse();
        clock.advance(Duration.ofMillis(999));
        assertThat(throttle.allows("alice", "10.0.0.2")).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.allows("alice", "10.0.0.2")).isTrue();
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
        assertThat(throttle.allows("bob", "10.9.9.9")).as("locked from any address").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.allows("bob", "10.9.9.9")).isTrue();
    }

    @Test
    void failuresOlderThanTheLockoutDurationAreForgotten() {
        fail(9, "carol", "10.0.0.1");
        clock.advance(Duration.ofMinutes(16));
        fail(1, "carol", "10.0.0.1");
        assertThat(published).isEmpty();
        assertThat(throttle.allows("carol", "10.0.0.1")).isTrue();
    }

    @Test
    void anAddressIsLockedAfterItsLockoutFailures() {
        for (int i = 0; i < 50; i++) {
            throttle.failed("spray" + i, "198.51.100.1");
        }
        assertThat(published).extracting(event -> ((SignInLockedEvent) event).throttleKey()).contains("ip:198.51.100.1");
        clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.allows("anyone", "198.51.100.1")).isFalse();
    }

    @Test
    void anUnknownUserNameIsThrottledLikeARealOne() {
        fail(3, "no-such-user", "10.0.0.1");
        assertThat(throttle.allows("no-such-user", "10.0.0.3")).isFalse();
    }

    @Test
    void userNamesAreThrottledWhateverTheirCase() {
        fail(3, "Alice", "10.0.0.1");
        assertThat(throttle.allows("alice", "10.0.0.3")).isFalse();
    }

    @Test
    void oneAddressGuessingManyAccountsIsThrottledAfterItsOwnFreeFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("user" + i, "192.0.2.7");
        }
        assertThat(throttle.allows("someone-else", "192.0.2.7")).isTrue();
        throttle.failed("user4", "192.0.2.7");
        assertThat(throttle.allows("someone-else", "192.0.2.7")).isFalse();
        assertThat(throttle.allows("someone-else", "192.0.2.8")).isTrue();
    }

    @Test
    void aSuccessForgetsTheAccountsFailuresButNotTheAddresses() {
        fail(5, "dave", "192.0.2.9");
        throttle.succeeded("dave");
        assertThat(throttle.allows("dave", "192.0.2.10")).isTrue();
        assertThat(throttle.allows("dave", "192.0.2.9")).isFalse();
    }
}
