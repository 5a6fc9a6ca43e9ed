package com.cksconsole.health.alerts;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.BreakGlassUsed;
import com.cksconsole.health.HealthFinding;
import com.cksconsole.health.HealthLevel;
import com.cksconsole.health.HealthReason;
import com.cksconsole.health.alerts.AlertRepository.StoredAlert;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bodies webhooks receive (docs/health.md "Alerts"). They hold what the alert holds:
 * the store, the two levels, the findings with their advice, the instant and a link;
 * never a secret (findings' details never hold one, and nothing else is added). A
 * break-glass alert holds who, the target and store, the operations and the reason.
 */
class AlertBodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The console path of a store's page: account (empty when unknown), Region, ID. */
    interface StorePaths {

        String of(@Nullable String accountId, String region, String keyStoreId);

    }

    /** The old store URL, which finds the store's target itself. */
    static final StorePaths OLD_URLS = (accountId, region, keyStoreId) -> "/key-stores/"
            + URLEncoder.encode(keyStoreId, StandardCharsets.UTF_8);

    private final @Nullable URI consoleUrl;

    private final StorePaths storePaths;

    AlertBodies(@Nullable URI consoleUrl, StorePaths storePaths) {
        this.consoleUrl = consoleUrl;
        this.storePaths = storePaths;
    }

    /** The findings as stored with the alert. */
    static String findingsJson(List<HealthFinding> findings) {
        var list = new ArrayList<Map<String, String>>();
        for (HealthFinding finding : findings) {
            var map = new LinkedHashMap<String, String>();
            map.put("reason", finding.reason().name());
            map.put("detail", finding.detail());
            list.add(map);
        }
        return JSON.writeValueAsString(list);
    }

    /** What a break-glass alert keeps in its {@code findings} column (V103). */
    static String breakGlassJson(BreakGlassUsed event) {
        var details = new LinkedHashMap<String, Object>();
        details.put("actor", event.actor());
        details.put("target", event.target());
        details.put("operations", event.operations().stream().sorted().map(Enum::name).toList());
        details.put("reason", event.reason());
        return JSON.writeValueAsString(details);
    }

    byte[] body(StoredAlert alert, HealthAlertsProperties.Format format) {
        if (alert.breakGlass()) {
            return switch (format) {
                case JSON -> breakGlassJsonBody(alert);
                case SLACK -> breakGlassSlack(alert);
            };
        }
        return switch (format) {
            case JSON -> json(alert);
            case SLACK -> slack(alert);
        };
    }

    byte[] json(StoredAlert alert) {
        var store = new LinkedHashMap<String, @Nullable Object>();
        store.put("account", alert.accountId().isEmpty() ? null : alert.accountId());
        store.put("region", alert.region());
        store.put("id", alert.keyStoreId());
        store.put("name", alert.storeName());
        var body = new LinkedHashMap<String, @Nullable Object>();
        body.put("type", "store-health-changed");
        body.put("store", store);
        body.put("from", alert.fromLevel());
        body.put("to", alert.toLevel());
        body.put("at", alert.eventAt().toString());
        var findings = new ArrayList<Map<String, @Nullable String>>();
        for (Map<String, String> stored : findings(alert)) {
            var finding = new LinkedHashMap<String, @Nullable String>();
            String reason = stored.get("reason");
            finding.put("reason", reason);
            HealthReason known = reason(reason);
            finding.put("level", known == null ? null : known.level().name());
            finding.put("detail", stored.get("detail"));
            finding.put("advice", known == null ? null : known.advice());
            findings.add(finding);
        }
        body.put("findings", findings);
        String link = link(alert);
        if (link != null) {
            body.put("link", link);
        }
        return JSON.writeValueAsBytes(body);
    }

    byte[] slack(StoredAlert alert) {
        var text = new StringBuilder();
        text.append("Key store ")
            .append(alert.storeName())
            .append(" (")
            .append(alert.keyStoreId())
            .append(", ")
            .append(alert.accountId().isEmpty() ? "" : alert.accountId() + " ")
            .append(alert.region())
            .append(") is now ")
            .append(words(alert.toLevel()))
            .append(", was ")
            .append(words(alert.fromLevel()))
            .append(" (")
            .append(alert.eventAt())
            .append(")");
        for (Map<String, String> finding : findings(alert)) {
            String reason = finding.get("reason");
            HealthReason known = reason(reason);
            text.append("\n- ").append(known == null ? reason : words(known.name())).append(": ");
            text.append(finding.get("detail"));
            if (known != null) {
                text.append(". ").append(known.advice());
            }
        }
        String link = link(alert);
        if (link != null) {
            text.append("\n").append(link);
        }
        return JSON.writeValueAsBytes(Map.of("text", slackEscaped(text.toString())));
    }

    /**
     * A break-glass alert: who executed which operations on which target and store
     * without approval, and the reason they gave (the audit log's BREAK_GLASS_USED event
     * has the change's lines).
     */
    byte[] breakGlassJsonBody(StoredAlert alert) {
        var details = breakGlassDetails(alert);
        var store = new LinkedHashMap<String, @Nullable Object>();
        store.put("account", alert.accountId().isEmpty() ? null : alert.accountId());
        store.put("region", alert.region().isEmpty() ? null : alert.region());
        store.put("id", alert.keyStoreId().isEmpty() ? null : alert.keyStoreId());
        store.put("name", alert.storeName());
        var body = new LinkedHashMap<String, @Nullable Object>();
        body.put("type", "break-glass-used");
        body.put("actor", details.actor());
        body.put("target", details.target());
        body.put("store", store);
        body.put("operations", details.operations());
        body.put("reason", details.reason());
        body.put("at", alert.eventAt().toString());
        String link = breakGlassLink(alert);
        if (link != null) {
            body.put("link", link);
        }
        return JSON.writeValueAsBytes(body);
    }

    byte[] breakGlassSlack(StoredAlert alert) {
        var details = breakGlassDetails(alert);
        var text = new StringBuilder("Break glass: ").append(details.actor())
            .append(" executed ")
            .append(String.join(", ", details.operations().stream().map(AlertBodies::operationLabel).toList()))
            .append(" on ")
            // The change's subject names the store and its ID.
            .append(alert.storeName());
        text.append(", target ")
            .append(details.target())
            .append(", without approval (")
            .append(alert.eventAt())
            .append(")\nReason: ")
            .append(details.reason());
        String link = breakGlassLink(alert);
        if (link != null) {
            text.append("\n").append(link);
        }
        return JSON.writeValueAsBytes(Map.of("text", slackEscaped(text.toString())));
    }

    record BreakGlassDetails(String actor, String target, List<String> operations, String reason) {
    }

    private static BreakGlassDetails breakGlassDetails(StoredAlert alert) {
        return JSON.readValue(alert.findingsJson(), BreakGlassDetails.class);
    }

    private static String operationLabel(String name) {
        for (ApprovalOperation operation : ApprovalOperation.values()) {
            if (operation.name().equals(name)) {
                return operation.label();
            }
        }
        return name;
    }

    /**
     * The store's page in the console, if the console's address and the store are known.
     */
    @Nullable String breakGlassLink(StoredAlert alert) {
        if (consoleUrl == null || alert.keyStoreId().isEmpty() || alert.region().isEmpty()) {
            return null;
        }
        String base = consoleUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + storePaths.of(alert.accountId().isEmpty() ? null : alert.accountId(), alert.region(),
                alert.keyStoreId());
    }

    /**
     * The store's health page in the console (its page when no target of its account and
     * Region is known), if the console's address is configured.
     */
    @Nullable String link(StoredAlert alert) {
        if (consoleUrl == null) {
            return null;
        }
        String base = consoleUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String path = storePaths.of(alert.accountId().isEmpty() ? null : alert.accountId(), alert.region(),
                alert.keyStoreId());
        return base + path + (path.startsWith("/t/") ? "/health" : "");
    }

    private static List<Map<String, String>> findings(StoredAlert alert) {
        return JSON.readValue(alert.findingsJson(), new TypeReference<List<Map<String, String>>>() {
        });
    }

    private static @Nullable HealthReason reason(@Nullable String name) {
        for (HealthReason reason : HealthReason.values()) {
            if (reason.name().equals(name)) {
                return reason;
            }
        }
        return null;
    }

    /**
     * Slack reads {@code &}, {@code <} and {@code >} as markup: a store name or detail
     * holding them is escaped as Slack asks ("Formatting text for app surfaces").
     */
    static String slackEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** {@code AT_RISK} -> {@code at risk}. */
    static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String words(HealthLevel level) {
        return words(level.name());
    }

}
