package com.cksconsole.approval;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How approvals are kept (docs/approvals.md).
 *
 * @param expirySweep how often each console instance marks the requests whose window has
 * ended EXPIRED (an execution after the window is refused whatever the sweep has done)
 */
@ConfigurationProperties("console.approval")
public record ApprovalProperties(@DefaultValue("1m") Duration expirySweep) {

    public ApprovalProperties {
        if (expirySweep.isNegative() || expirySweep.isZero()) {
            throw new IllegalArgumentException("console.approval.expiry-sweep must be positive");
        }
    }

}
