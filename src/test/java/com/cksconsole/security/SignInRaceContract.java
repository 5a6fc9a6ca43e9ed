package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.TargetGrantRepository;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.MutableClock;

/**
 * Twenty sign-ins of one account at once (wrong passwords and the right one), through the
 * real password check and throttle on a real database, each from its own address. However
 * they interleave, no more passwords are checked than the policy's free failures, and the
 * burst leaves the account locked even when the right password was among the checked
 * ones. The same tests on H2 and PostgreSQL.
 */
abstract class SignInRaceContract {

    private static final SignInProperties POLICY = new SignInProperties(3, Duration.ofSeconds(60), 10, 20, 50,
            Duration.ofMinutes(15), Duration.ofHours(8));

    private static final int ATTEMPTS = 20;

    private static final String USER = "raced-user";

    private static final String RIGHT = "the-right-passphrase";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

    private final ExecutorService pool = Executors.newFixedThreadPool(ATTEMPTS);

    private final GatedPasswordEncoder encoder = new GatedPasswordEncoder(
            PasswordEncoderFactories.createDelegatingPasswordEncoder());

    private JdbcClient jdbc;

    private SignInThrottle throttle;

    private AuthenticationProvider signIn;

    /** A data source on an empty database or schema. */
    abstract DataSource emptyDatabase();

    @BeforeEach
    void setUp() {
        DataSource dataSource = emptyDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        var users = new UserAccountRepository(jdbc, clock);
        users.insert(new UserAccount(USER, "{noop}" + RIGHT, Set.of(Role.OPERATOR), true, false));
        throttle = new SignInThrottle(new SignInThrottleRepository(jdbc), POLICY, clock,
                new DataSourceTransactionManager(dataSource), event -> {
                });
        var passwordCheck = new DaoAuthenticationProvider(new ConsoleUserDetailsService(users,
                new TargetGrantRepository(jdbc, clock), SsoProperties.LocalSignIn.ALL));
        passwordCheck.setPasswordEncoder(encoder);
        signIn = new ThrottledAuthenticationProvider(passwordCheck, throttle);
        // Every check of the burst waits until every attempt has been counted: the
        // slowest hash imaginable.
        encoder.gate(() -> accountFailures() >= ATTEMPTS, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private int accountFailures() {
        return jdbc.sql("select failures from sign_in_throttle where throttle_key = :key")
            .param("key", SignInThrottle.userKey(USER))
            .query(Integer.class)
            .optional()
            .orElse(0);
    }

    private Future<String> attempt(int index, String password, CountDownLatch start) {
        return pool.submit(() -> {
            start.await();
            var token = UsernamePasswordAuthenticationToken.unauthenticated(USER, password);
            token.setDetails(new WebAuthenticationDetails("198.51.100." + index, null));
            try {
                signIn.authenticate(token);
                return "signed in";
            }
            catch (AuthenticationException refused) {
                return "refused";
            }
        });
    }

    private static List<String> outcomes(List<Future<String>> attempts) throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (var attempt : attempts) {
            outcomes.add(attempt.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    @Test
    void twentyParallelSignInsGetNoMorePasswordChecksThanTheFreeFailures() throws Exception {
        var start = new CountDownLatch(1);
        List<Future<String>> attempts = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            attempts.add(attempt(i, i == ATTEMPTS / 2 ? RIGHT : "wrong-guess-" + i, start));
        }

        start.countDown();
        var outcomes = outcomes(attempts);

        assertThat(outcomes).hasSize(ATTEMPTS).isSubsetOf("signed in", "refused");
        assertThat(encoder.checks()).as("password checks").isBetween(1, POLICY.freeFailures());
        assertThat(throttle.admit(USER, "203.0.113.1").admitted()).as("the burst locked the account").isFalse();
    }

    @Test
    void aSuccessInTheBurstDoesNotResetTheCountOfTheAttemptsAroundIt() throws Exception {
        var rightFirst = new CountDownLatch(1);
        var others = new CountDownLatch(1);
        List<Future<String>> attempts = new ArrayList<>();
        attempts.add(attempt(0, RIGHT, rightFirst));
        rightFirst.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> encoder.checks() == 1);
        for (int i = 1; i < ATTEMPTS; i++) {
            attempts.add(attempt(i, "wrong-guess-" + i, others));
        }

        others.countDown();
        var outcomes = outcomes(attempts);

        assertThat(outcomes.get(0)).as("the right password, checked first").isEqualTo("signed in");
        assertThat(outcomes.subList(1, ATTEMPTS)).containsOnly("refused");
        assertThat(encoder.checks()).as("password checks").isLessThanOrEqualTo(POLICY.freeFailures());
        assertThat(throttle.admit(USER, "203.0.113.1").admitted())
            .as("still locked: the success did not forget the failures counted during its check")
            .isFalse();
    }

}
