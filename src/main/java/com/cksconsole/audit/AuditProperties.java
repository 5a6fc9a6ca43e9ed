package com.cksconsole.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit log settings.
 *
 * @param trustedProxies reverse proxies (IP addresses or CIDR ranges, e.g.
 * {@code 10.0.0.0/8}) whose X-Forwarded-For header is trusted for the source IP of audit
 * events; empty (default): the TCP peer address is recorded and the header ignored
 * @param fingerprintKey key of the HMAC-SHA-256 fingerprints of replaced secrets, at
 * least 32 characters (e.g. the output of {@code openssl rand -base64 32}); required in
 * aws mode. In sandbox mode, when unset, one is generated at the first start and kept in
 * the database. Keep it stable: fingerprints made under another key cannot be compared
 * @param reconcileAfter how old an intent without outcome must be before a describe may
 * reconcile it (longer than any KMS call can take, so that an update still in flight is
 * not mistaken for a lost one)
 * @param exportTimeout how long a streamed export may take before the server gives up
 * @param chainKey key of the keyed chain (each event's link is an HMAC-SHA-256 under it),
 * Base64 of at least 32 random bytes ({@code openssl rand -base64 32}); required in aws
 * mode, from the environment or a secret store, never the database. The same on every
 * instance, and stable: events linked under another key no longer verify. In sandbox
 * mode, when unset, one is generated at the first start and kept in {@code key-directory}
 * (owner-only file permissions)
 * @param checkpointSigningKey the Ed25519 private key that signs checkpoints of the chain
 * head, Base64 of its PKCS#8 DER or PEM
 * ({@code openssl genpkey -algorithm ed25519 -outform DER | base64 -w0}); required in aws
 * mode. In sandbox mode, when unset, one is generated and kept in {@code key-directory}.
 * Its public key is shown on the verification page
 * @param keyDirectory where sandbox mode keeps the keys it generates
 * ({@code audit-chain.key}, {@code audit-checkpoint-signing.key}); not used for
 * configured keys
 * @param checkpointFile the append-only file of signed checkpoints (one JSON line each,
 * forced to disk). Put it where the database login cannot write, ideally on write-once
 * storage or with {@code chattr +a}
 * @param checkpointInterval how often the console signs a checkpoint of the chain head
 * when events were appended since the last one (each one verifies the whole chain first);
 * 0 turns the periodic checkpoint off
 * @param secretCheckPerMinute how many secret checks (audit log, "Check a candidate
 * secret") one user may make in any 60 seconds, per console instance; further ones are
 * refused and recorded
 */
@ConfigurationProperties("console.audit")
record AuditProperties(@DefaultValue List<String> trustedProxies, @Nullable String fingerprintKey,
        @DefaultValue("2m") Duration reconcileAfter, @DefaultValue("1h") Duration exportTimeout,
        @Nullable String chainKey, @Nullable String checkpointSigningKey, @DefaultValue("./data") Path keyDirectory,
        @DefaultValue("./data/audit-checkpoints.jsonl") Path checkpointFile,
        @DefaultValue("1h") Duration checkpointInterval, @DefaultValue("10") int secretCheckPerMinute) {

    static final int MIN_KEY_LENGTH = 32;

    @Override
    public String toString() {
        return "AuditProperties[trustedProxies=" + trustedProxies + ", fingerprintKey=" + redacted(fingerprintKey)
                + ", reconcileAfter=" + reconcileAfter + ", exportTimeout=" + exportTimeout + ", chainKey="
                + redacted(chainKey) + ", checkpointSigningKey=" + redacted(checkpointSigningKey) + ", keyDirectory="
                + keyDirectory + ", checkpointFile=" + checkpointFile + ", checkpointInterval=" + checkpointInterval
                + ", secretCheckPerMinute=" + secretCheckPerMinute + "]";
    }

    private static String redacted(@Nullable String key) {
        return key == null ? "<unset>" : "<redacted>";
    }
}
