package com.cksconsole.health.web;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four graphs of a store's health page, each also a table and a CSV download
 * ({@code ?graph=} of {@code health.csv}).
 */
enum HealthGraph {

    LATENCY("latency", "Latency of GetHealthStatus"), AVAILABILITY("availability", "Availability"),
    EKM("ekm", "External key managers"), STATE("state", "Connection state");

    private final String key;

    private final String title;

    HealthGraph(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /**
     * As written in the URL: {@code latency}, {@code availability}, {@code ekm},
     * {@code state}.
     */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    /**
     * Whether it draws the proxy probes (external key stores with a monitoring
     * credential).
     */
    public boolean fromProbes() {
        return this != STATE;
    }

    static Optional<HealthGraph> ofKey(String key) {
        return Arrays.stream(values()).filter(graph -> graph.key.equals(key)).findFirst();
    }

}
