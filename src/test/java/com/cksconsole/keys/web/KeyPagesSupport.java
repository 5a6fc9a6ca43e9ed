package com.cksconsole.keys.web;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.keys.KeyInventory;
import com.cksconsole.keys.KeyAuditAction;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.ConsoleHttpClient;

/** What the keys application tests share: pages, forms, clean-up and audit reads. */
final class KeyPagesSupport {

    static final KmsTarget DEFAULT_TARGET = new KmsTarget("111122223333", "us-east-1");

    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

    private static final Pattern LOCATION_KEY = Pattern.compile("/keys/([0-9a-f-]{36})$");

    private KeyPagesSupport() {
    }

    static String keysPage(String storeId) {
        return "/t/default/key-stores/" + storeId + "/keys";
    }

    static String keyPage(String storeId, String keyId) {
        return keysPage(storeId) + "/" + keyId;
    }

    /** The create form's fields as the page gives them, with the user's input. */
    static Map<String, String> createForm(ConsoleHttpClient http, String storeId, String alias, String description,
            String xksKeyId) {
        var shown = http.get(keysPage(storeId) + "/new");
        if (shown.statusCode() != 200) {
            throw new IllegalStateException("create page answered " + shown.statusCode());
        }
        return fields(shown.body(), alias, description, xksKeyId);
    }

    static Map<String, String> fields(String html, String alias, String description, String xksKeyId) {
        Matcher token = TOKEN.matcher(html);
        if (!token.find()) {
            throw new IllegalStateException("no form token on the page");
        }
        var fields = new LinkedHashMap<String, String>();
        fields.put("token", token.group(1));
        fields.put("alias", alias);
        fields.put("description", description);
        fields.put("xksKeyId", xksKeyId);
        return fields;
    }

    /** The key ID a create answer redirected to. */
    static String createdKeyId(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow();
        Matcher matcher = LOCATION_KEY.matcher(location);
        if (!matcher.find()) {
            throw new IllegalStateException("not a key page: " + location);
        }
        return matcher.group(1);
    }

    /**
     * Test clean-up only: removes keys from the sandbox at once (KMS would wait 7 days).
     */
    static void removeKeys(ApplicationContext context, List<String> keyIds) {
        var jdbc = context.getBean(JdbcClient.class);
        for (String keyId : keyIds) {
            jdbc.sql("delete from sandbox_kms_alias where key_id = ?").param(keyId).update();
            jdbc.sql("delete from sandbox_kms_key_tag where key_id = ?").param(keyId).update();
            jdbc.sql("delete from sandbox_kms_key where key_id = ?").param(keyId).update();
        }
        context.getBean(KeyInventory.class).forget(DEFAULT_TARGET);
    }

    /**
     * A key of an external key store whose external key changed in the key manager after
     * the KMS key was created (disabled, or deleted there): written straight into the
     * sandbox, since KMS's CreateKey rightly refuses such an external key. Enabled in
     * KMS.
     */
    static String externalKeyBehindTheConsolesBack(ApplicationContext context, String storeId, String xksKeyId) {
        String keyId = java.util.UUID.randomUUID().toString();
        context.getBean(JdbcClient.class)
            .sql("insert into sandbox_kms_key (account_id, region, key_id, custom_key_store_id, origin, key_state, "
                    + "description, creation_millis, deletion_millis, xks_key_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(DEFAULT_TARGET.accountId(), DEFAULT_TARGET.region(), keyId, storeId, "EXTERNAL_KEY_STORE",
                    "Enabled", "external key changed in the key manager", System.currentTimeMillis(), null, xksKeyId)
            .update();
        context.getBean(KeyInventory.class).forget(DEFAULT_TARGET);
        return keyId;
    }

    /** The audit entries of one key action on a store, newest first. */
    static List<AuditEntry> audited(AuditLog auditLog, String storeId, KeyAuditAction action) {
        return auditLog.changeHistory(storeId, 100)
            .stream()
            .filter(e -> e.event().action().equals(action.name()))
            .toList();
    }

}
