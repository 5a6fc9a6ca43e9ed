package com.cksconsole.rotation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credential rotation ({@code console.rotation.*}).
 *
 * @param soak how long step 5 watches the store after UpdateCustomKeyStore before the old
 * credential may go: a successful update shows in DescribeCustomKeyStores at once but can
 * take up to five minutes to be fully effective (KMS Developer Guide, "Editing external
 * key store properties")
 * @param proveDeadline how long step 3 waits for the proxy to accept the new credential
 * @param pollInterval how often step 3 calls GetHealthStatus with the new credential
 * @param soakCheckInterval how often step 5 describes the store and calls GetHealthStatus
 * @param lease how long one instance's claim on a run lasts (renewed at every check); a
 * run whose instance stopped is taken over after it
 * @param resumeInterval how often each instance looks for runs nobody drives
 */
@ConfigurationProperties("console.rotation")
public record RotationProperties(@DefaultValue("5m") Duration soak, @DefaultValue("30m") Duration proveDeadline,
        @DefaultValue("10s") Duration pollInterval, @DefaultValue("30s") Duration soakCheckInterval,
        @DefaultValue("1m") Duration lease, @DefaultValue("30s") Duration resumeInterval) {

    public RotationProperties {
        for (Object[] named : new Object[][] { { "soak", soak }, { "prove-deadline", proveDeadline },
                { "poll-interval", pollInterval }, { "soak-check-interval", soakCheckInterval }, { "lease", lease },
                { "resume-interval", resumeInterval } }) {
            if (((Duration) named[1]).isNegative() || ((Duration) named[1]).isZero()) {
                throw new IllegalArgumentException("console.rotation." + named[0] + " must be positive");
            }
        }
    }

    /** The soak in words ("5 min"), for pages and the run's timeline. */
    public String soakText() {
        return words(soak);
    }

    /** Step 3's deadline in words ("30 min"). */
    public String proveDeadlineText() {
        return words(proveDeadline);
    }

    static String words(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 120 && seconds % 60 == 0) {
            return (seconds / 60) + " min";
        }
        return seconds + " s";
    }

}
