package com.cksconsole.sandbox.kms;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The access keys the sandbox accepts, each resolved to its account: the long-term keys
 * of the configured accounts (the default account's is
 * {@code console.sandbox.access-key-id}) and the temporary credentials STS AssumeRole
 * issued ({@code ASIA...}, with a session token and an expiration).
 */
final class SandboxCredentials {

    /**
     * Who signs with an access key.
     *
     * @param arn the IAM identity: a user of the account, or the assumed-role session
     * @param sessionToken the token a request with temporary credentials must carry
     * (X-Amz-Security-Token)
     * @param expiration when temporary credentials stop working (ExpiredTokenException)
     */
    record Principal(String accessKeyId, String secretAccessKey, String accountId, String arn,
            @Nullable String sessionToken, @Nullable Instant expiration) {

        boolean temporary() {
            return sessionToken != null;
        }

        @Override
        public String toString() {
            return "Principal[accessKeyId=" + accessKeyId + ", accountId=" + accountId + ", arn=" + arn
                    + ", secretAccessKey=<redacted>, sessionToken=<redacted>, expiration=" + expiration + "]";
        }
    }

    private final Map<String, Principal> longTerm;

    private final StsSessions sessions;

    SandboxCredentials(SandboxKmsProperties properties, SandboxWorldProperties world, StsSessions sessions) {
        Map<String, Principal> keys = new HashMap<>();
        keys.put(properties.accessKeyId(),
                longTerm(properties.accessKeyId(), properties.secretAccessKey(), properties.accountId()));
        for (SandboxWorldProperties.Account account : world.accounts()) {
            String key = account.accessKeyId();
            String secret = account.secretAccessKey();
            if (key != null && secret != null) {
                if (keys.containsKey(key)) {
                    throw new IllegalArgumentException(
                            "console.sandbox.accounts: access key " + key + " is already the key of another account");
                }
                keys.put(key, longTerm(key, secret, account.id()));
            }
        }
        this.longTerm = Map.copyOf(keys);
        this.sessions = sessions;
    }

    Optional<Principal> find(String accessKeyId) {
        Principal principal = longTerm.get(accessKeyId);
        return principal != null ? Optional.of(principal) : sessions.find(accessKeyId);
    }

    private static Principal longTerm(String accessKeyId, String secret, String accountId) {
        return new Principal(accessKeyId, secret, accountId, "arn:aws:iam::" + accountId + ":user/sandbox", null, null);
    }

}
