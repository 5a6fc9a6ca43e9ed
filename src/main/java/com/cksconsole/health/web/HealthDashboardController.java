package com.cksconsole.health.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.cksconsole.health.FleetHealth;
import com.cksconsole.health.FleetHealth.TargetHealth;
import com.cksconsole.health.HealthLevel;
import com.cksconsole.health.StoreHealth;
import com.cksconsole.health.web.FixLinks.FindingView;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.ProxyCredentialAge;
import com.cksconsole.keystore.ProxyCredentialAges;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.targets.Target;
import com.cksconsole.targets.TargetPermissions;

/**
 * The fleet dashboard ({@code /health}): the stores of every target the user may see (or
 * the one chosen in the header) with their computed health, the worst finding and a link
 * to each finding's fix, counts per level, and {@code ?show=attention} to list only the
 * stores at risk or failing (a link, so it works without JavaScript). It reads what the
 * probes recorded ({@link FleetHealth}), never KMS.
 */
@Controller
class HealthDashboardController {

    static final String VIEW = "health/dashboard";

    static final String ATTENTION = "attention";

    private final KmsTargets targets;

    private final FleetHealth fleet;

    private final FixLinks links;

    private final ProxyCredentialAges credentialAges;

    /** Absent in slice tests without security: nobody may change anything then. */
    private final ObjectProvider<TargetPermissions> permissions;

    HealthDashboardController(KmsTargets targets, FleetHealth fleet, FixLinks links, ProxyCredentialAges credentialAges,
            ObjectProvider<TargetPermissions> permissions) {
        this.credentialAges = credentialAges;
        this.permissions = permissions;
        this.targets = targets;
        this.fleet = fleet;
        this.links = links;
    }

    @GetMapping("/health")
    String dashboard(@RequestParam(name = "show", required = false) @Nullable String show, HttpServletRequest request,
            Model model) {
        HttpSession session = request.getSession(false);
        Object choice = session == null ? null : session.getAttribute(KmsTargets.CHOICE);
        List<Target> shown = targets.chosen(choice instanceof String name ? name : null);
        List<TargetHealth> healths = fleet.of(shown.stream().map(Target::kmsTarget).toList());
        boolean attentionOnly = ATTENTION.equals(show);
        // One query for the credential ages of every external key store shown.
        Map<KeyStoreRef, ProxyCredentialAge> ages = credentialAges.ages(healths.stream()
            .flatMap(health -> health.stores().stream())
            .filter(StoreHealth::external)
            .map(StoreHealth::store)
            .toList());
        int[] counts = new int[HealthLevel.values().length];
        List<TargetRows> rows = new ArrayList<>();
        for (int i = 0; i < healths.size() && i < shown.size(); i++) {
            Target target = shown.get(i);
            TargetPermissions rights = permissions.getIfAvailable();
            boolean mayChange = rights != null && rights.mayChange(target.name());
            List<StoreRow> stores = new ArrayList<>();
            for (StoreHealth store : healths.get(i).stores()) {
                counts[store.level().ordinal()]++;
                if (!attentionOnly || store.level() == HealthLevel.AT_RISK || store.level() == HealthLevel.FAILING) {
                    String storeUrl = links.storePath(store.store());
                    stores.add(new StoreRow(store, links.healthPath(store.store()), storeUrl,
                            links.of(store.store(), store.findings()), ages.get(store.store()),
                            mayChange ? storeUrl + "/rotations/new" : null));
                }
            }
            rows.add(new TargetRows(target, healths.get(i).stores().size(), stores));
        }
        model.addAttribute("targets", rows);
        // Worst first, as the grid reads.
        model.addAttribute("counts",
                List.of(HealthLevel.FAILING, HealthLevel.AT_RISK, HealthLevel.HEALTHY, HealthLevel.UNKNOWN)
                    .stream()
                    .map(level -> new LevelCount(level, counts[level.ordinal()]))
                    .toList());
        model.addAttribute("total", java.util.Arrays.stream(counts).sum());
        model.addAttribute("attentionOnly", attentionOnly);
        return VIEW;
    }

    /**
     * One target's part of the grid.
     *
     * @param storeCount all its recorded stores (the filter may hide some)
     * @param stores the stores shown
     */
    record TargetRows(Target target, int storeCount, List<StoreRow> stores) {
    }

    /**
     * One store of the grid with where its page and each finding's fix are.
     *
     * @param credential the proxy credential's age (external key stores only)
     * @param rotateUrl where "Rotate now" leads; null for users who may not change the
     * store
     */
    record StoreRow(StoreHealth health, String healthUrl, String storeUrl, List<FindingView> findings,
            @Nullable ProxyCredentialAge credential, @Nullable String rotateUrl) {

        public @Nullable FindingView worst() {
            return findings.isEmpty() ? null : findings.get(0);
        }

    }

    record LevelCount(HealthLevel level, int count) {

        public String text() {
            return LevelText.of(level);
        }

    }

}
