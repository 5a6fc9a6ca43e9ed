package com.cksconsole.health.web;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import com.cksconsole.health.FleetHealth;
import com.cksconsole.health.HealthHistory;
import com.cksconsole.health.HealthHistory.StoreHistory;
import com.cksconsole.health.HealthLevel;
import com.cksconsole.health.HealthWindow;
import com.cksconsole.health.StoreHealth;
import com.cksconsole.health.credentials.MonitoringCredentials;
import com.cksconsole.health.web.SvgChart.Chart;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.ProxyCredentialAges;
import com.cksconsole.kms.KeyStoreRef;

/**
 * What a store's health page shows, put into the model: the store (from the shared
 * snapshot, which also makes an unknown store the 404 page), its computed health and
 * findings, the window's graphs with their tables, the last probe, TLS and external key
 * checks, and its monitoring credential (never the secret). Shared by the page and the
 * credential form's error rendering.
 */
@Component
class StorePage {

    static final String VIEW = "health/store";

    static final String FORM = "credentialForm";

    static final String NO_CREDENTIAL = "No probes yet: set a monitoring credential.";

    static final String NOT_EXTERNAL = "The proxy probes apply to external key stores only.";

    static final String NO_PROBES = "No probes in this window.";

    static final String NO_STATES = "No connection state recorded in this window yet.";

    private final KeyStoreReads reads;

    private final FleetHealth fleet;

    private final HealthHistory histories;

    private final MonitoringCredentials credentials;

    private final FixLinks links;

    private final ProxyCredentialAges credentialAges;

    StorePage(KeyStoreReads reads, FleetHealth fleet, HealthHistory histories, MonitoringCredentials credentials,
            FixLinks links, ProxyCredentialAges credentialAges) {
        this.credentialAges = credentialAges;
        this.reads = reads;
        this.fleet = fleet;
        this.histories = histories;
        this.credentials = credentials;
        this.links = links;
    }

    /**
     * The store the page is about.
     * @throws com.cksconsole.keystore.KeyStoreNotFoundException not in the snapshot
     */
    CustomKeyStore store(KeyStoreRef ref) {
        return reads.find(ref).store();
    }

    StoreHistory history(KeyStoreRef ref, HealthWindow window) {
        return histories.history(ref, window);
    }

    /** Fills the model of the health page and answers its view. */
    String render(KeyStoreRef ref, CustomKeyStore store, HealthWindow window, Model model) {
        StoreHealth health = fleet.of(ref).orElse(null);
        StoreHistory history = histories.history(ref, window);
        var stored = store.isExternal() ? credentials.stored(ref).orElse(null) : null;
        model.addAttribute("store", store);
        model.addAttribute("health", health);
        HealthLevel level = health == null ? HealthLevel.UNKNOWN : health.level();
        model.addAttribute("level", level);
        model.addAttribute("findings", health == null ? List.of() : links.of(ref, health.findings()));
        model.addAttribute("window", window);
        model.addAttribute("windows",
                Arrays.stream(HealthWindow.values())
                    .map(w -> new WindowLink(w.label(), WindowLink.text(w), w == window))
                    .toList());
        model.addAttribute("graphs",
                Arrays.stream(HealthGraph.values())
                    .map(graph -> graph(graph, history, store.isExternal(), stored != null))
                    .toList());
        model.addAttribute("history", history);
        model.addAttribute("credential", stored);
        model.addAttribute("storePath", links.storePath(ref));
        // The age of the credential KMS uses against the target's rotation policy
        // (docs/health.md, "Credential age"), next to the monitoring credential.
        model.addAttribute("credentialAge", store.isExternal() ? credentialAges.age(ref) : null);
        if (store.isExternal() && !model.containsAttribute(FORM)) {
            model.addAttribute(FORM, CredentialForm.empty());
        }
        return VIEW;
    }

    static GraphView graph(HealthGraph graph, StoreHistory history, boolean external, boolean monitored) {
        Chart chart = HealthCharts.chart(graph, history);
        HealthTable table = HealthTable.of(graph, history);
        String emptyText;
        if (graph.fromProbes() && !external) {
            emptyText = NOT_EXTERNAL;
        }
        else if (chart.empty()) {
            emptyText = !graph.fromProbes() ? NO_STATES : monitored ? NO_PROBES : NO_CREDENTIAL;
        }
        else {
            emptyText = null;
        }
        return new GraphView(graph, chart, table, emptyText);
    }

    /**
     * One graph of the page.
     *
     * @param emptyText why nothing is drawn, or null when there is something
     */
    record GraphView(HealthGraph graph, Chart chart, HealthTable table, @Nullable String emptyText) {

        public String anchor() {
            return "graph-" + graph.key();
        }

    }

    /** One link of the window switcher. */
    record WindowLink(String label, String text, boolean current) {

        static String text(HealthWindow window) {
            return switch (window) {
                case HOUR -> "1 hour";
                case DAY -> "24 hours";
                case WEEK -> "7 days";
                case MONTH -> "30 days";
            };
        }

    }

}
