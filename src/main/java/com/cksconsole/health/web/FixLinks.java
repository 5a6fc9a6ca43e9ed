package com.cksconsole.health.web;

import java.util.List;

import org.springframework.stereotype.Component;

import com.cksconsole.health.HealthFinding;
import com.cksconsole.health.HealthLevel;
import com.cksconsole.health.HealthReason;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.kms.KeyStoreRef;

/**
 * Where each finding is fixed ({@link HealthReason.Fix}), as a link: the store's page, a
 * part of its health page, the proxy credential of its edit page, or its keys tab.
 */
@Component
class FixLinks {

    private final KmsTargets targets;

    FixLinks(KmsTargets targets) {
        this.targets = targets;
    }

    /** A finding as the pages show it, worst first as given. */
    List<FindingView> of(KeyStoreRef store, List<HealthFinding> findings) {
        return findings.stream().map(finding -> of(store, finding)).toList();
    }

    FindingView of(KeyStoreRef store, HealthFinding finding) {
        HealthReason reason = finding.reason();
        String storePath = targets.storePath(store);
        return switch (reason.fix()) {
            case STORE_PAGE -> view(finding, storePath, "Open the key store");
            case HEALTH_PAGE -> view(finding, healthPath(store) + "#" + healthAnchor(reason), switch (reason) {
                case SLOW_PROXY -> "See the latency graph";
                case ONE_EXTERNAL_KEY_MANAGER_LEFT, EXTERNAL_KEY_MANAGER_DEGRADED -> "See the external key managers";
                case CERTIFICATE_EXPIRING, CERTIFICATE_INVALID -> "See the TLS check";
                default -> "See the last probe";
            });
            case ROTATE_CREDENTIAL -> view(finding, storePath + "/rotations/new", "Rotate the proxy credential");
            case KEYS_TAB -> view(finding, storePath + "/keys", "Open the KMS keys");
        };
    }

    /** The store's health page. */
    String healthPath(KeyStoreRef store) {
        return targets.storePath(store) + "/health";
    }

    String storePath(KeyStoreRef store) {
        return targets.storePath(store);
    }

    /** The part of the health page a reason's fix starts from. */
    static String healthAnchor(HealthReason reason) {
        return switch (reason) {
            case SLOW_PROXY -> "graph-latency";
            case ONE_EXTERNAL_KEY_MANAGER_LEFT, EXTERNAL_KEY_MANAGER_DEGRADED -> "graph-ekm";
            case CERTIFICATE_EXPIRING, CERTIFICATE_INVALID -> "tls-check";
            default -> "last-probe";
        };
    }

    private static FindingView view(HealthFinding finding, String url, String linkText) {
        return new FindingView(finding.reason(), finding.level(), finding.detail(), finding.reason().advice(), url,
                linkText);
    }

    /**
     * One finding on a page.
     *
     * @param fixUrl where it is fixed (without the context path: templates add it)
     */
    record FindingView(HealthReason reason, HealthLevel level, String detail, String advice, String fixUrl,
            String fixText) {

        public String levelText() {
            return LevelText.of(level);
        }

    }

}
