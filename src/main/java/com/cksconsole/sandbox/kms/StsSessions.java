package com.cksconsole.sandbox.kms;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.sandbox.kms.SandboxCredentials.Principal;

/**
 * The temporary credentials STS AssumeRole issued, in the sandbox's tables so that they
 * work on every instance and after a restart (the AWS CLI caches them). Expired sessions
 * are kept for a day, so that a late request is told ExpiredTokenException rather than
 * that its key does not exist, and then removed.
 */
final class StsSessions {

    private static final String TEMPORARY_KEY_PREFIX = "ASIA";

    private static final char[] KEY_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    private final JdbcClient jdbc;

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    StsSessions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * New credentials of {@code assumedRoleArn} in {@code accountId}, valid for
     * {@code duration} from now.
     */
    Principal issue(String accountId, String assumedRoleArn, Duration duration) {
        Instant now = clock.instant();
        // AWS answers the expiration in whole seconds.
        Instant expiration = now.plus(duration).truncatedTo(ChronoUnit.SECONDS);
        String token = "SANDBOX/" + randomSecret(96);
        var session = new Principal(TEMPORARY_KEY_PREFIX + randomKey(16), randomSecret(30), accountId, assumedRoleArn,
                token, expiration);
        jdbc.sql("delete from sandbox_sts_session where expiration_millis < ?")
            .param(now.minus(KEEP_EXPIRED).toEpochMilli())
            .update();
        jdbc.sql("insert into sandbox_sts_session (access_key_id, secret_access_key, session_token, account_id, "
                + "assumed_role_arn, expiration_millis) values (?, ?, ?, ?, ?, ?)")
            .params(session.accessKeyId(), session.secretAccessKey(), token, accountId, assumedRoleArn,
                    expiration.toEpochMilli())
            .update();
        return session;
    }

    Optional<Principal> find(String accessKeyId) {
        if (!accessKeyId.startsWith(TEMPORARY_KEY_PREFIX)) {
            return Optional.empty();
        }
        return jdbc
            .sql("select access_key_id, secret_access_key, session_token, account_id, assumed_role_arn, "
                    + "expiration_millis from sandbox_sts_session where access_key_id = ?")
            .param(accessKeyId)
            .query((row, number) -> new Principal(row.getString("access_key_id"), row.getString("secret_access_key"),
                    row.getString("account_id"), row.getString("assumed_role_arn"), row.getString("session_token"),
                    Instant.ofEpochMilli(row.getLong("expiration_millis"))))
            .optional();
    }

    private String randomKey(int length) {
        var key = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            key.append(KEY_CHARACTERS[random.nextInt(KEY_CHARACTERS.length)]);
        }
        return key.toString();
    }

    private String randomSecret(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getEncoder().withoutPadding().encodeToString(value);
    }

}
