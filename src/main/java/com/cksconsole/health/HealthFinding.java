package com.cksconsole.health;

/**
 * One reason a store is not healthy, with the figures behind it.
 *
 * @param detail the facts, for people: e.g. {@code p99 240 ms over the last hour},
 * {@code certificate of xks.example.com expires in 12 days}; never a secret
 */
public record HealthFinding(HealthReason reason, String detail) {

    public HealthLevel level() {
        return reason.level();
    }

}
