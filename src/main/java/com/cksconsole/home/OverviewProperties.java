package com.cksconsole.home;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the overview ({@code /}) lists something under "needs attention".
 *
 * @param connectingCloudhsm how long a CloudHSM key store may be CONNECTING before it is
 * listed (KMS documents up to 20 minutes)
 * @param connectingExternal how long an external key store may be CONNECTING before it is
 * listed (KMS documents about 5 minutes)
 * @param disconnecting how long a key store may be DISCONNECTING before it is listed
 * (about 5 minutes for an external key store; KMS publishes no figure for CloudHSM)
 * @param outsideChangesFor how long a change made outside the console stays listed after
 * it was seen
 * @param pendingOutcomeAfter how old an audit intent without an outcome must be to be
 * listed (younger ones are usually still running; see also
 * {@code console.audit.reconcile-after})
 */
@ConfigurationProperties("console.overview")
public record OverviewProperties(@DefaultValue("20m") Duration connectingCloudhsm,
        @DefaultValue("10m") Duration connectingExternal, @DefaultValue("10m") Duration disconnecting,
        @DefaultValue("7d") Duration outsideChangesFor, @DefaultValue("2m") Duration pendingOutcomeAfter) {
}
