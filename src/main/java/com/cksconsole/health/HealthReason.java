package com.cksconsole.health;

/**
 * Why a store is at risk or failing. Each reason has one level and says in one sentence
 * what the operator can do; the web layer links each to the page where it is fixed
 * ({@link Fix}).
 */
public enum HealthReason {

    /** KMS reports the store FAILED (ConnectionErrorCode says why). */
    CONNECTION_FAILED(HealthLevel.FAILING, Fix.STORE_PAGE,
            "KMS reports the store FAILED: read its connection error code, fix the cause, then disconnect and connect it"),
    /** CONNECTING for longer than {@code console.health.connecting-too-long}. */
    CONNECTING_TOO_LONG(HealthLevel.AT_RISK, Fix.STORE_PAGE,
            "The store has been CONNECTING for too long: check the cluster or proxy, or disconnect and try again"),
    /** The last GetHealthStatus probes with the monitoring credential failed. */
    PROBE_FAILING(HealthLevel.FAILING, Fix.HEALTH_PAGE,
            "The XKS proxy does not answer GetHealthStatus as KMS needs: see the failure kind on the health page"),
    /**
     * p99 latency of the last hour above {@code console.health.p99-threshold} (200 ms).
     */
    SLOW_PROXY(HealthLevel.AT_RISK, Fix.HEALTH_PAGE,
            "The proxy's p99 latency is close to KMS's 250 ms budget: look at the proxy and its key managers"),
    /** Only one external key manager of several is ACTIVE. */
    ONE_EXTERNAL_KEY_MANAGER_LEFT(HealthLevel.AT_RISK, Fix.HEALTH_PAGE,
            "Only one external key manager is left: restore the others before it fails too"),
    /** At least one external key manager reports DEGRADED. */
    EXTERNAL_KEY_MANAGER_DEGRADED(HealthLevel.AT_RISK, Fix.HEALTH_PAGE,
            "An external key manager reports DEGRADED: check it with its vendor's tools"),
    /**
     * The proxy's TLS certificate expires within
     * {@code console.health.certificate-warning} (30 days).
     */
    CERTIFICATE_EXPIRING(HealthLevel.AT_RISK, Fix.HEALTH_PAGE,
            "The proxy's TLS certificate expires soon: renew it before KMS refuses the proxy"),
    /** The TLS check failed: expired, untrusted, misnamed or no handshake. */
    CERTIFICATE_INVALID(HealthLevel.FAILING, Fix.HEALTH_PAGE,
            "The proxy's TLS certificate is not one KMS accepts: expired, untrusted or for another name"),
    /** The proxy credential KMS uses is older than the rotation policy (90 days). */
    CREDENTIAL_TOO_OLD(HealthLevel.AT_RISK, Fix.ROTATE_CREDENTIAL,
            "The proxy credential KMS uses is older than the rotation policy: rotate it"),
    /** GetKeyMetadata says an external key of one of the store's KMS keys is DISABLED. */
    EXTERNAL_KEY_DISABLED(HealthLevel.AT_RISK, Fix.KEYS_TAB,
            "An external key in the key manager is disabled: the KMS keys that use it cannot encrypt or decrypt");

    /** Where the operator fixes it. */
    public enum Fix {

        /** The store's page: connect, disconnect, guided change. */
        STORE_PAGE,
        /** The store's health page (probe history, TLS, external key managers). */
        HEALTH_PAGE,
        /** The store's edit page, proxy credential section. */
        ROTATE_CREDENTIAL,
        /** The store's keys tab. */
        KEYS_TAB

    }

    private final HealthLevel level;

    private final Fix fix;

    private final String advice;

    HealthReason(HealthLevel level, Fix fix, String advice) {
        this.level = level;
        this.fix = fix;
        this.advice = advice;
    }

    public HealthLevel level() {
        return level;
    }

    public Fix fix() {
        return fix;
    }

    /** What to do, in one sentence. */
    public String advice() {
        return advice;
    }

}
