package com.cksconsole.keys.internal;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.keys.KeyAuditAction;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.kms.KeyStoreRef;

/**
 * The one place that turns key changes into audit events, as the key store module audits
 * store changes: the intent (which store, which key, the request's values, never a
 * plaintext) is committed before KMS is called, the outcome (KMS request ID, or the KMS
 * error name) after. Parameter names are the KMS request member names.
 */
@Component
public class KeyAuditing {

    static final String KEY_ID = "KeyId";

    private final AuditTrail trail;

    KeyAuditing(AuditTrail trail) {
        this.trail = trail;
    }

    /**
     * Runs a KMS call under audit.
     * @param requestId the KMS request ID of the call's answer
     * @throws com.cksconsole.audit.AuditUnavailableException the intent could not be
     * written: nothing was sent
     * @throws KmsCallException the call failed (its outcome recorded)
     */
    public <T> T audited(KeyAuditAction action, KeyStoreRef store, String storeName, Map<String, String> values,
            Supplier<T> call, Function<T, @Nullable String> requestId) {
        var intent = AuditIntent.of(action, target(store, storeName));
        values.forEach(intent::value);
        return trail.attempt(intent.build(), audit -> {
            try {
                T result = call.get();
                audit.succeeded(requestId.apply(result));
                return result;
            }
            catch (KmsCallException e) {
                audit.failed(e.failure().errorCode(), null, e.failure().requestId(), null);
                throw e;
            }
        });
    }

    /**
     * Runs a round-trip test under audit: one event, SUCCEEDED when the plaintext came
     * back, else FAILED with the KMS error name and its documented message (or
     * {@code PlaintextMismatch}).
     * @throws com.cksconsole.audit.AuditUnavailableException the intent could not be
     * written: nothing was sent
     */
    public RoundTripResult auditedRoundTrip(KeyStoreRef store, String storeName, Map<String, String> values,
            Supplier<RoundTripResult> run) {
        var intent = AuditIntent.of(KeyAuditAction.KEY_ROUND_TRIP, target(store, storeName));
        values.forEach(intent::value);
        return trail.attempt(intent.build(), audit -> {
            RoundTripResult result = run.get();
            if (result.succeeded()) {
                audit.succeeded(null);
            }
            else {
                audit.failed(result.errorCode() == null ? "PlaintextMismatch" : result.errorCode(), result.kmsMessage(),
                        result.requestId(), null);
            }
            return result;
        });
    }

    static AuditTarget target(KeyStoreRef store, String storeName) {
        return AuditTarget.keyStore(store.target().region(), store.target().accountId(), store.keyStoreId(), storeName);
    }

}
