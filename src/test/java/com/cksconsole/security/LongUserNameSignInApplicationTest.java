package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditFilter;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.audit.AuditLogAction;

/**
 * A user name of any length on the sign-in form, over real HTTP: the same answer as any
 * failed sign-in (never a 500), counted by the throttle and audited like any other
 * attempt, and nothing of it in the log output. The longest valid user name is 64
 * characters; longer ones are throttled under a hash of the name.
 */
@ConsoleApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class LongUserNameSignInApplicationTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Unknown names are audited under this actor, with a fingerprint of the typed name.
     */
    private static final String UNKNOWN_USER = "(unknown user)";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog auditLog;

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = { 64, 65, 123, 124, 200, 10_000 })
    void aUserNameOfAnyLengthIsRefusedCountedAndAuditedButNeverLogged(int length, CapturedOutput output) {
        String name = randomName(length);
        long newestBefore = newestUnknownSignIn();
        var client = ConsoleHttpClient.anonymous(port);
        client.get("/login");

        var answer = client.postForm("/login", Map.of("username", name, "password", "any-password-at-all"));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(jdbc.sql("select failures from sign_in_throttle where throttle_key = :key")
            .param("key", SignInThrottle.userKey(name))
            .query(Integer.class)
            .optional()).as("counted against the (hashed) name").contains(1);
        assertThat(auditLog.page(new AuditFilter(null, null, UNKNOWN_USER, AuditLogAction.SIGN_IN, null, null), null, 1)
            .entries()).singleElement().satisfies(entry -> {
                assertThat(entry.event().seq()).isGreaterThan(newestBefore);
                assertThat(entry.outcome()).isEqualTo(AuditOutcome.FAILED);
                assertThat(entry.details()).extracting(p -> p.name()).containsExactly("attemptedNameFingerprint");
                assertThat(entry.toString()).doesNotContain(name.substring(0, 32));
            });
        assertThat(output.getAll()).doesNotContain(name.substring(0, 32));
        if (length > 64) {
            assertThat(jdbc.sql("select count(*) from sign_in_throttle where throttle_key like :part")
                .param("part", "%" + name.substring(0, 32) + "%")
                .query(Long.class)
                .single()).as("a name longer than any user name is stored only as a hash").isZero();
        }
    }

    private long newestUnknownSignIn() {
        return auditLog.page(new AuditFilter(null, null, UNKNOWN_USER, AuditLogAction.SIGN_IN, null, null), null, 1)
            .entries()
            .stream()
            .map(AuditEntry::event)
            .mapToLong(e -> e.seq())
            .max()
            .orElse(0);
    }

    /**
     * Lower-case letters, so that the name survives the throttle's case folding
     * unchanged.
     */
    private static String randomName(int length) {
        var name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return name.toString();
    }

}
