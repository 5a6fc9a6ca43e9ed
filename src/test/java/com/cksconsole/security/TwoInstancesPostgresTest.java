package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.cksconsole.ConsoleApplication;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditTestEvents;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.PostgresTestDatabase;

/**
 * Two console instances on one PostgreSQL schema, as behind a load balancer, attacked
 * over HTTP: a rights change made on one instance ends the user's session on the other at
 * its next request, and twenty sign-ins of one account spread over both instances at once
 * get no more password checks than the policy's free failures.
 *
 * <p>
 * Both instances share one stopped clock (so the burst cannot outlast a wait by being
 * slow) and count their password checks, holding each until every attempt of the burst
 * has been counted in the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesPostgresTest {

    private static final String PASSWORD = "two-instances-passphrase";

    private static final int ATTEMPTS = 20;

    /** The test profile's (and the default) free failures of an account. */
    private static final int FREE_FAILURES = 3;

    private final MutableClock clock = new MutableClock(Instant.now());

    private final List<GatedPasswordEncoder> encoders = new CopyOnWriteArrayList<>();

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    private final ExecutorService pool = Executors.newFixedThreadPool(ATTEMPTS);

    private JdbcClient jdbc;

    @BeforeAll
    void startTwoInstances() {
        String url = PostgresTestDatabase.freshSchema();
        // Instances of one console share its audit keys (a second chain key would refuse
        // to append).
        String keys;
        try {
            keys = Files.createTempDirectory("cks-two-instances-keys").toString();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        instances.add(start(url, keys));
        instances.add(start(url, keys));
        jdbc = instances.get(0).getBean(JdbcClient.class);
    }

    @AfterAll
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        instances.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext start(String url, String auditKeys) {
        return new SpringApplicationBuilder(ConsoleApplication.class).profiles("test")
            .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof java.time.Clock) {
                        return clock;
                    }
                    if (bean instanceof PasswordEncoder encoder && !(bean instanceof GatedPasswordEncoder)) {
                        var gated = new GatedPasswordEncoder(encoder);
                        encoders.add(gated);
                        return gated;
                    }
                    return bean;
                }
            }))
            .run("--server.port=0", "--spring.datasource.url=" + url, "--console.audit.key-directory=" + auditKeys);
    }

    private int port(int instance) {
        return instances.get(instance).getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private String givenUser(String name, Role role) {
        var users = instances.get(0).getBean(UserAccountRepository.class);
        users.insert(new UserAccount(name, encoders.get(0).encode(PASSWORD), Set.of(role), true, false));
        return name;
    }

    @Test
    void aRightsChangeOnOneInstanceEndsTheSessionOnTheOther() {
        String operator = givenUser("operator-on-b", Role.OPERATOR);
        var onB = ConsoleHttpClient.signedIn(port(1), operator, PASSWORD);
        assertThat(onB.get("/key-stores").statusCode()).isEqualTo(200);

        var adminOnA = ConsoleHttpClient.signedIn(port(0), "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        adminOnA.get("/users/" + operator);
        assertThat(adminOnA.postForm("/users/" + operator + "/roles", Map.of("roles", "VIEWER")).statusCode())
            .isEqualTo(302);

        var next = onB.get("/key-stores");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location").orElseThrow()).endsWith("/login?ended");
        assertThat(AuditTestEvents.of(instances.get(0).getBean(AuditLog.class), operator))
            .extracting(entry -> entry.event().action())
            .contains("SESSION_ENDED");
    }

    @Test
    void twentySignInsSpreadOverBothInstancesGetNoMorePasswordChecksThanTheFreeFailures() throws Exception {
        String user = givenUser("raced-on-two", Role.OPERATOR);
        List<ConsoleHttpClient> clients = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            var client = ConsoleHttpClient.anonymous(port(i % 2));
            client.get("/login");
            clients.add(client);
        }
        encoders.forEach(encoder -> encoder.gate(() -> failuresOf(user) >= ATTEMPTS, Duration.ofSeconds(5)));
        var start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            var client = clients.get(i);
            String password = i == 7 ? PASSWORD : "wrong-guess-" + i;
            answers.add(pool.submit(() -> {
                start.await();
                var answer = client.postForm("/login", Map.of("username", user, "password", password));
                return answer.statusCode() + " " + answer.headers().firstValue("Location").orElse("");
            }));
        }

        start.countDown();
        for (var answer : answers) {
            assertThat(answer.get(60, TimeUnit.SECONDS)).startsWith("302 ");
        }
        int checks = encoders.stream().mapToInt(GatedPasswordEncoder::checks).sum();
        encoders.forEach(GatedPasswordEncoder::ungate);

        assertThat(checks).as("password checks on both instances together").isBetween(1, FREE_FAILURES);
        var afterwards = ConsoleHttpClient.anonymous(port(0));
        afterwards.get("/login");
        assertThat(afterwards.postForm("/login", Map.of("username", user, "password", PASSWORD))
            .headers()
            .firstValue("Location")
            .orElseThrow()).as("locked on every instance").endsWith("/login?error");
    }

    private int failuresOf(String user) {
        return jdbc.sql("select failures from sign_in_throttle where throttle_key = :key")
            .param("key", SignInThrottle.userKey(user))
            .query(Integer.class)
            .optional()
            .orElse(0);
    }

}
