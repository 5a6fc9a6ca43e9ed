package com.cksconsole.audit;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit log settings.
 *
 * @param trustedProxies reverse proxies (IP addresses or CIDR ranges, e.g. {@code 10.0.0.0/8}) whose
 *     X-Forwarded-For header is trusted for the source IP of audit events; empty (default): the TCP peer
 *     address is recorded and the header ignored
 * @param fingerprintKey key of the HMAC-SHA-256 fingerprints of replaced secrets, at least 32 characters
 *     (e.g. the output of {@code openssl rand -base64 32}); required in aws mode. In sandbox mode, when unset,
 *     one is generated at the first start and kept in the database. Keep it stable: fingerprints made under
 *     another key cannot be compared
 * @param reconcileAfter how old an intent without outcome must be before a describe may reconcile it (longer
 *     than any KMS call can take, so that an update still in flight is not mistaken for a lost one)
 * @param exportTimeout how long a streamed export may take before the server gives up
 */
@ConfigurationProperties("console.audit")
record AuditProperties(
        @DefaultValue List<String> trustedProxies,
        @Nullable String fingerprintKey,
        @DefaultValue("2m") Duration reconcileAfter,
        @DefaultValue("1h") Duration exportTimeout) {

    static final int MIN_KEY_LENGTH = 32;

    @Override
    public String toString() {
        return "AuditProperties[trustedProxies=" + trustedProxies + ", fingerprintKey="
                + (fingerprintKey == null ? "<unset>" : "<redacted>") + ", reconcileAfter=" + reconcileAfter
                + ", exportTimeout=" + exportTimeout + "]";
    }
}
