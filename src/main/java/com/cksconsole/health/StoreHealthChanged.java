package com.cksconsole.health;

import java.time.Instant;
import java.util.List;

import com.cksconsole.kms.KeyStoreRef;

/**
 * Published once (by the instance holding the store's probe lease) when a store's
 * computed level changes, after the new level is committed. The alerts listen to it.
 */
public record StoreHealthChanged(KeyStoreRef store, String name, HealthLevel from, HealthLevel to,
        List<HealthFinding> findings, Instant at) {

    public StoreHealthChanged {
        findings = List.copyOf(findings);
    }

    /**
     * Whether the store entered or left AT_RISK or FAILING (what the alerts are about).
     */
    public boolean alertWorthy() {
        return from != to && from != HealthLevel.UNKNOWN && to != HealthLevel.UNKNOWN;
    }

}
