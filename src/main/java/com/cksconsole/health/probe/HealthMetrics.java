package com.cksconsole.health.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

import com.cksconsole.health.probe.HealthRepository.StatusRow;
import com.cksconsole.kms.KeyStoreRef;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The health figures per store on the metrics endpoint (docs/health.md "Metrics"). The
 * gauges read the status rows this instance read at its last tick, never the database per
 * scrape; the probe latency timer counts the probes this instance ran.
 */
class HealthMetrics {

    static final String LATENCY = "console.health.probe.latency";

    static final String LEVEL = "console.health.store.level";

    static final String STATE = "console.health.store.connection.state";

    static final String EKM = "console.health.store.external.key.managers";

    static final String CERTIFICATE_DAYS = "console.health.store.certificate.days";

    private final @Nullable MeterRegistry registry;

    private volatile Map<KeyStoreRef, StatusRow> rows = Map.of();

    /** The gauges registered per store, with the tags they were registered under. */
    private final Map<KeyStoreRef, Registered> registered = new ConcurrentHashMap<>();

    private record Registered(Tags tags, List<Meter> meters) {
    }

    HealthMetrics(@Nullable MeterRegistry registry) {
        this.registry = registry;
    }

    static Tags tags(StatusRow row) {
        var target = row.store().target();
        return Tags.of("account", target.accountId() == null ? "" : target.accountId(), "region", target.region(),
                "store_id", row.store().keyStoreId(), "store_name", row.name());
    }

    /** Takes the status rows of this tick; registers and removes gauges to match. */
    synchronized void refresh(List<StatusRow> statusRows) {
        var byStore = new HashMap<KeyStoreRef, StatusRow>();
        statusRows.forEach(row -> byStore.put(row.store(), row));
        rows = Map.copyOf(byStore);
        MeterRegistry meters = registry;
        if (meters == null) {
            return;
        }
        for (var entry : new ArrayList<>(registered.entrySet())) {
            StatusRow row = byStore.get(entry.getKey());
            if (row == null || !tags(row).equals(entry.getValue().tags())) {
                entry.getValue().meters().forEach(meters::remove);
                registered.remove(entry.getKey());
            }
        }
        for (StatusRow row : statusRows) {
            registered.computeIfAbsent(row.store(), store -> register(meters, store, tags(row)));
        }
    }

    private Registered register(MeterRegistry meters, KeyStoreRef store, Tags tags) {
        var list = new ArrayList<Meter>();
        list.add(gauge(meters, LEVEL, tags, store, "0 unknown, 1 healthy, 2 at risk, 3 failing",
                row -> row.level().ordinal()));
        list.add(gauge(meters, STATE, tags, store,
                "0 CONNECTED, 1 CONNECTING, 2 FAILED, 3 DISCONNECTED, 4 DISCONNECTING, 5 UNKNOWN",
                row -> row.state().ordinal()));
        for (String status : List.of("ACTIVE", "DEGRADED", "UNAVAILABLE")) {
            list.add(gauge(meters, EKM, tags.and("status", status.toLowerCase(java.util.Locale.ROOT)), store,
                    "external key managers by status in the newest probe", row -> row.lastProbe() == null ? Double.NaN
                            : Codec.count(row.lastProbe().externalKeyManagers(), status)));
        }
        list.add(gauge(meters, CERTIFICATE_DAYS, tags, store, "days until the proxy's TLS certificate expires",
                row -> row.certificateDaysLeft() == null ? Double.NaN : row.certificateDaysLeft()));
        return new Registered(tags, list);
    }

    private Gauge gauge(MeterRegistry meters, String name, Tags tags, KeyStoreRef store, String description,
            ToDoubleFunction<StatusRow> value) {
        return Gauge.builder(name, this, metrics -> {
            StatusRow row = metrics.rows.get(store);
            return row == null ? Double.NaN : value.applyAsDouble(row);
        }).tags(tags).description(description).strongReference(true).register(meters);
    }

    /** Records one probe's latency (on the instance that ran it). */
    void recordLatency(StatusRow row, Duration latency) {
        MeterRegistry meters = registry;
        if (meters == null) {
            return;
        }
        Timer.builder(LATENCY)
            .tags(tags(row))
            .description("GetHealthStatus latency with the monitoring credential")
            .publishPercentileHistogram()
            .register(meters)
            .record(latency);
    }

}
