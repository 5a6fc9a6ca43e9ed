package com.cksconsole.keystore.web;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.PreflightResult;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * A validated change waiting for the operator's confirmation on the review page. Kept
 * server-side only (it holds the typed secrets); the review page knows it by its token.
 *
 * @param loaded the store as the edit form was filled from
 * @param form the operator's input without secrets, to show the form again should
 * applying fail
 * @param importSource when the change holds values imported from an XKS proxy
 * configuration file: the file's name, size and SHA-256 (never its content), kept for the
 * audit log
 * @param preflight the latest XKS pre-flight result for this change, if a check was
 * needed and has been made (holds no secret: a current secret typed for the check is used
 * for that one call only)
 * @param approval the approved request this change executes (docs/approvals.md), or null
 */
record PendingUpdate(String token, String username, KeyStoreRef store, CustomKeyStore loaded, KeyStoreChange change,
        UpdateForm form, Instant expiresAt, @Nullable ProxyConfigurationSource importSource,
        @Nullable PreflightResult preflight, @Nullable String approval) implements StoreTokens.Entry {

    PendingUpdate withPreflight(PreflightResult result) {
        return new PendingUpdate(token, username, store, loaded, change, form, expiresAt, importSource, result,
                approval);
    }

    @Override
    public String toString() {
        return "PendingUpdate[store=" + store + ", username=" + username + ", change=" + change + ", expiresAt="
                + expiresAt + ", importSource=" + importSource + ", preflight="
                + (preflight == null ? "none" : preflight.status()) + ", approval=" + approval + "]";
    }
}
