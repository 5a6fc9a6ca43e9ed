package com.cksconsole.health.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

import com.cksconsole.health.HealthHistory.ProbeBucket;
import com.cksconsole.health.HealthHistory.StateSpan;
import com.cksconsole.health.HealthHistory.StoreHistory;
import com.cksconsole.health.HealthWindow;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.support.TestTargets;

/** Histories for the health page tests, as {@code HealthHistory} answers them. */
final class HealthHistories {

    /** The end of every window of these tests (a round hour, UTC). */
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private HealthHistories() {
    }

    static StoreHistory empty(KeyStoreRef store, HealthWindow window) {
        return of(store, window, i -> null, List.of());
    }

    /**
     * A history whose bucket {@code i} (oldest first) is {@code bucket.apply(i)}, or
     * empty when that answers null.
     */
    static StoreHistory of(KeyStoreRef store, HealthWindow window, IntFunction<@Nullable Figures> bucket,
            List<StateSpan> states) {
        Instant from = NOW.minus(window.length());
        List<ProbeBucket> buckets = new ArrayList<>();
        for (int i = 0; i < window.buckets(); i++) {
            Instant start = from.plus(window.bucket().multipliedBy(i));
            Instant end = start.plus(window.bucket());
            Figures f = bucket.apply(i);
            buckets.add(f == null ? new ProbeBucket(start, end, 0, 0, null, null, null, null, null, null)
                    : new ProbeBucket(start, end, f.samples(), f.healthy(), f.p50(), f.p99(), f.p99(), f.active(),
                            f.degraded(), f.unavailable()));
        }
        return new StoreHistory(store, window, from, NOW, buckets, states, null, null, List.of());
    }

    /** The same figures in every bucket. */
    static StoreHistory steady(KeyStoreRef store, HealthWindow window) {
        return of(store, window, i -> new Figures(4, 4, 40, 120, 2, 0, 0), List
            .of(new StateSpan(ConnectionState.CONNECTED, null, NOW.minus(window.length()).minusSeconds(60), null)));
    }

    static KeyStoreRef ref(String id) {
        return TestTargets.ref(id);
    }

    record Figures(int samples, int healthy, long p50, long p99, int active, int degraded, int unavailable) {
    }

}
