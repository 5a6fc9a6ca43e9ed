package com.cksconsole.keystore.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.audit.ObservedState;
import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreActivityAction;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.KeyStoreAuditAction;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.PreflightClearance;
import com.cksconsole.keystore.NewXksStore;
import com.cksconsole.keystore.NewCloudHsmStore;
import com.cksconsole.keystore.ObservedStoreStates;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksCredential;
import com.cksconsole.keystore.XksProxySettings;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * The one implementation of {@link KeyStoreAudit}, and the one place that turns key store
 * facts into audit events: which store, which fields from what to what (secrets only as
 * "replaced" with a keyed fingerprint), why. Field names are the Describe member names,
 * so that a lost outcome can be reconciled from a later Describe. The one-way facts
 * arrive through {@link KeyStoreAuditListener}, which writes them with the intents built
 * here.
 */
@Component
public class KeyStoreAuditing implements KeyStoreAudit {

    static final String NAME = "CustomKeyStoreName";
    static final String CLUSTER_ID = "CloudHsmClusterId";
    static final String KEY_STORE_PASSWORD = "KeyStorePassword";
    static final String URI_ENDPOINT = "XksProxyConfiguration.UriEndpoint";
    static final String URI_PATH = "XksProxyConfiguration.UriPath";

    public static final String CONNECTIVITY = "XksProxyConfiguration.Connectivity";

    public static final String VPC_SERVICE_NAME = "XksProxyConfiguration.VpcEndpointServiceName";

    public static final String VPC_SERVICE_OWNER = "XksProxyConfiguration.VpcEndpointServiceOwner";
    static final String ACCESS_KEY_ID = "XksProxyConfiguration.AccessKeyId";
    static final String RAW_SECRET_ACCESS_KEY = "XksProxyAuthenticationCredential.RawSecretAccessKey";
    static final String PROXY_CONFIGURATION = "proxyConfiguration";

    private final AuditTrail trail;

    private final ObservedStoreStates observed;

    /** Null in tests of the audit records alone. */
    private final @Nullable ProxyCredentialRecords credentials;

    KeyStoreAuditing(AuditTrail trail, ObservedStoreStates observed) {
        this(trail, observed, null);
    }

    @Autowired
    KeyStoreAuditing(AuditTrail trail, ObservedStoreStates observed, @Nullable ProxyCredentialRecords credentials) {
        this.trail = trail;
        this.observed = observed;
        this.credentials = credentials;
    }

    /**
     * Records a proxy credential the console just set with a successful call
     * (docs/health.md, "Credential age"); never throws.
     */
    private void credentialSet(KeyStoreRef ref, @Nullable XksCredential credential) {
        if (credentials != null && credential != null) {
            credentials.console(ref, credential.accessKeyId());
        }
    }

    @Override
    public Accepted auditedUpdate(KeyStoreRef ref, CustomKeyStore before, KeyStoreChange change,
            @Nullable String reason, @Nullable ProxyConfigurationSource importedFrom,
            Supplier<@Nullable String> update) {
        return trail.attempt(updateIntent(ref, before, change, reason, importedFrom), audit -> {
            try {
                @Nullable String requestId = update.get();
                if (change instanceof XksChange xks) {
                    credentialSet(ref, xks.credential());
                }
                return new Accepted(requestId, audit.succeeded(requestId));
            }
            catch (KmsCallException e) {
                audit.failed(e.failure().errorCode(), null, e.failure().requestId(), null);
                throw e;
            }
        });
    }

    @Override
    public @Nullable String auditedConnection(KeyStoreActivityRecord intent, Supplier<@Nullable String> call) {
        return trail.attempt(activityIntent(intent), audit -> {
            try {
                @Nullable String requestId = call.get();
                audit.succeeded(requestId);
                return requestId;
            }
            catch (KmsCallException e) {
                audit.failed(e.failure().errorCode(), null, e.failure().requestId(), null);
                throw e;
            }
        });
    }

    @Override
    public Accepted auditedDeletion(KeyStoreRef ref, CustomKeyStore before, Supplier<@Nullable String> delete) {
        return trail.attempt(deletionIntent(ref, before), audit -> {
            try {
                @Nullable String requestId = delete.get();
                return new Accepted(requestId, audit.succeeded(requestId));
            }
            catch (KmsCallException e) {
                audit.failed(e.failure().errorCode(), null, e.failure().requestId(), null);
                throw e;
            }
        });
    }

    @Override
    public void refusedDeletion(KeyStoreRef ref, CustomKeyStore store, List<String> why) {
        trail.record(deletionIntent(ref, store), AuditResult.rejected(why));
    }

    /**
     * The intent of a DeleteCustomKeyStore: what the store was (type, state and where it
     * is backed), so that the audit log keeps what was deleted. Describe returns no
     * secret, and none is recorded.
     */
    AuditIntent deletionIntent(KeyStoreRef ref, CustomKeyStore store) {
        var intent = AuditIntent.of(KeyStoreAuditAction.DELETE_CUSTOM_KEY_STORE, target(ref, store.name()))
            .value("CustomKeyStoreType", store.type() == null ? null : store.type().name())
            .value("ConnectionState", store.connectionState().name());
        if (store.cloudHsmClusterId() != null) {
            intent.value(CLUSTER_ID, store.cloudHsmClusterId());
        }
        store.xks().ifPresent(xks -> {
            intent.value(CONNECTIVITY, xks.connectivity() == null ? null : xks.connectivity().name());
            intent.value(URI_ENDPOINT, xks.uriEndpoint());
            intent.value(URI_PATH, xks.uriPath());
            if (xks.vpcEndpointServiceName() != null) {
                intent.value(VPC_SERVICE_NAME, xks.vpcEndpointServiceName());
            }
            intent.value(ACCESS_KEY_ID, xks.accessKeyId());
        });
        return intent.build();
    }

    @Override
    public Created auditedCreate(NewXksStore store, PreflightClearance clearance,
            @Nullable ProxyConfigurationSource importedFrom, Supplier<KmsGateway.Created> create) {
        var result = clearance.result();
        if (clearance.overridden()) {
            // Its own event, like an update's override: written before the create's
            // intent, so an override that cannot be recorded sends nothing.
            trail.record(
                    AuditIntent.of(KeyStoreAuditAction.XKS_PREFLIGHT_OVERRIDDEN, newStore(store.target(), store.name()))
                        .reason(clearance.overrideReason())
                        .value("status", result.status().name())
                        .value("failure", result.failure() == null ? null : result.failure().name())
                        .value("endpoint", store.uriEndpoint())
                        .value("path", store.uriPath())
                        .build(),
                    AuditResult.succeeded());
        }
        var intent = AuditIntent.of(KeyStoreAuditAction.CREATE_CUSTOM_KEY_STORE, newStore(store.target(), store.name()))
            .reason(clearance.overrideReason())
            .value("CustomKeyStoreType", "EXTERNAL_KEY_STORE")
            .value(NAME, store.name())
            .value(CONNECTIVITY, store.connectivity().name())
            .value(URI_ENDPOINT, store.uriEndpoint())
            .value(URI_PATH, store.uriPath());
        if (store.viaVpcEndpointService()) {
            intent.value(VPC_SERVICE_NAME, store.vpcEndpointServiceName())
                .value(VPC_SERVICE_OWNER, store.vpcEndpointServiceOwner());
        }
        if (importedFrom != null) {
            intent.with(file(importedFrom));
        }
        intent.value(ACCESS_KEY_ID, store.credential().accessKeyId())
            .with(trail.secretReplaced(RAW_SECRET_ACCESS_KEY, store.credential().rawSecretAccessKey().reveal()))
            .value("preflight", result.status().name())
            .value("preflightLatencyMillis", result.ran() ? String.valueOf(result.latencyMillis()) : null);
        return created(intent.build(), create,
                keyStoreId -> credentialSet(new KeyStoreRef(store.target(), keyStoreId), store.credential()));
    }

    @Override
    public Created auditedCreate(NewCloudHsmStore store, Supplier<KmsGateway.Created> create) {
        var intent = AuditIntent.of(KeyStoreAuditAction.CREATE_CUSTOM_KEY_STORE, newStore(store.target(), store.name()))
            .value("CustomKeyStoreType", "AWS_CLOUDHSM")
            .value(NAME, store.name())
            .value(CLUSTER_ID, store.cloudHsmClusterId())
            .with(trail.secretReplaced(KEY_STORE_PASSWORD, store.keyStorePassword().reveal()))
            .build();
        return created(intent, create, keyStoreId -> {
        });
    }

    private Created created(AuditIntent intent, Supplier<KmsGateway.Created> create, Consumer<String> succeeded) {
        return trail.attempt(intent, audit -> {
            try {
                var created = create.get();
                succeeded.accept(created.keyStoreId());
                return new Created(created, audit.created(created.requestId(), created.keyStoreId()));
            }
            catch (KmsCallException e) {
                audit.failed(e.failure().errorCode(), null, e.failure().requestId(), null);
                throw e;
            }
        });
    }

    @Override
    public void importedForCreate(KmsTarget target, String name, ProxyConfigurationSource configuration,
            List<String> problems) {
        var intent = AuditIntent.of(KeyStoreAuditAction.IMPORT_PROXY_CONFIGURATION, newStore(target, name))
            .with(file(configuration))
            .build();
        trail.record(intent, problems.isEmpty() ? AuditResult.succeeded() : AuditResult.rejected(problems));
    }

    @Override
    public void refusedCreate(KmsTarget target, String name, List<String> why) {
        trail.record(AuditIntent.of(KeyStoreAuditAction.CREATE_CUSTOM_KEY_STORE, newStore(target, name)).build(),
                AuditResult.rejected(why));
    }

    /**
     * A store not created yet: its account, Region and name; KMS issues the ID (the
     * outcome's request ID leads to it in CloudTrail, the next Describe shows it).
     */
    static AuditTarget newStore(KmsTarget target, String name) {
        return new AuditTarget(target.region(), target.accountId(), null, name);
    }

    /**
     * The store with its account and Region (columns {@code target_account},
     * {@code target_region}).
     */
    static AuditTarget target(KeyStoreRef ref, @Nullable String name) {
        return AuditTarget.keyStore(ref.target().region(), ref.target().accountId(), ref.keyStoreId(), name);
    }

    /** An XKS proxy configuration read for a store's form, accepted or refused. */
    void imported(KeyStoreRef ref, CustomKeyStore store, ProxyConfigurationSource configuration,
            List<String> problems) {
        var intent = AuditIntent.of(KeyStoreAuditAction.IMPORT_PROXY_CONFIGURATION, target(ref, store.name()))
            .with(file(configuration))
            .build();
        trail.record(intent, problems.isEmpty() ? AuditResult.succeeded() : AuditResult.rejected(problems));
    }

    private static AuditParameter file(ProxyConfigurationSource configuration) {
        return AuditParameter.uploadedFile(PROXY_CONFIGURATION, configuration.name(), configuration.sizeBytes(),
                configuration.sha256Hex());
    }

    /**
     * The intent of an UpdateCustomKeyStore: every changed field with its old and new
     * value.
     */
    AuditIntent updateIntent(KeyStoreRef ref, CustomKeyStore store, KeyStoreChange change, @Nullable String reason,
            @Nullable ProxyConfigurationSource importedFrom) {
        var intent = AuditIntent.of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, target(ref, store.name()))
            .reason(reason);
        if (importedFrom != null) {
            intent.with(file(importedFrom));
        }
        if (change instanceof CloudHsmChange hsm) {
            changed(intent, NAME, store.name(), hsm.newName());
            changed(intent, CLUSTER_ID, store.cloudHsmClusterId(), hsm.cloudHsmClusterId());
            if (hsm.keyStorePassword() != null) {
                intent.with(trail.secretReplaced(KEY_STORE_PASSWORD, hsm.keyStorePassword().reveal()));
            }
        }
        else if (change instanceof XksChange xks) {
            var current = store.xks().orElse(XksProxySettings.NONE);
            changed(intent, NAME, store.name(), xks.newName());
            changed(intent, URI_ENDPOINT, current.uriEndpoint(), xks.uriEndpoint());
            changed(intent, URI_PATH, current.uriPath(), xks.uriPath());
            changed(intent, CONNECTIVITY, current.connectivity() == null ? null : current.connectivity().name(),
                    xks.connectivity() == null ? null : xks.connectivity().name());
            changed(intent, VPC_SERVICE_NAME, current.vpcEndpointServiceName(), xks.vpcEndpointServiceName());
            changed(intent, VPC_SERVICE_OWNER, current.vpcEndpointServiceOwner(), xks.vpcEndpointServiceOwner());
            if (xks.credential() != null) {
                changed(intent, ACCESS_KEY_ID, current.accessKeyId(), xks.credential().accessKeyId());
                intent
                    .with(trail.secretReplaced(RAW_SECRET_ACCESS_KEY, xks.credential().rawSecretAccessKey().reveal()));
            }
        }
        return intent.build();
    }

    private static void changed(AuditIntent.Builder intent, String name, @Nullable String before,
            @Nullable String after) {
        if (after != null && !after.equals(before)) {
            intent.changed(name, before, after);
        }
    }

    /** An update refused before anything was sent. */
    void refusedUpdate(KeyStoreRef ref, CustomKeyStore store, @Nullable KeyStoreChange change, @Nullable String reason,
            List<String> why) {
        var intent = change == null
                ? AuditIntent.of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, target(ref, store.name()))
                    .reason(reason)
                    .build()
                : updateIntent(ref, store, change, reason, null);
        trail.record(intent, AuditResult.rejected(why));
    }

    /**
     * What a Describe of every store of a target showed, to resolve intents whose outcome
     * was lost. Never throws.
     */
    void described(KmsTarget target, List<CustomKeyStore> described) {
        Map<KeyStoreRef, ObservedState> seen = new HashMap<>();
        for (CustomKeyStore store : described) {
            Map<String, @Nullable String> values = new HashMap<>();
            store.describedProperties().forEach(property -> values.put(property.name(), property.value()));
            seen.put(new KeyStoreRef(target, store.id()), ObservedState.of(values));
        }
        trail.reconcilePending(seen);
    }

    /**
     * A reported activity (a step, a request, a pre-flight result) with its outcome, as
     * the audit log records it.
     */
    void activity(KeyStoreActivityRecord record) {
        AuditResult result = switch (record.outcome() == null ? KeyStoreActivityRecord.Outcome.NOTED
                : record.outcome()) {
            case SUCCEEDED -> AuditResult.succeeded(record.kmsRequestId(), null);
            case FAILED -> AuditResult.failed(record.errorCode() == null ? "Failed" : record.errorCode(), null,
                    record.kmsRequestId(), null);
            case NOTED -> AuditResult.succeeded();
        };
        trail.record(activityIntent(record), result);
    }

    private AuditIntent activityIntent(KeyStoreActivityRecord record) {
        var intent = AuditIntent.of(action(record.action()), target(record.store(), nameOf(record.store())))
            .reason(record.reason());
        if (record.runId() != null) {
            intent.value("guidedChange", record.runId());
        }
        if (action(record.action()) == KeyStoreAuditAction.GUIDED_CHANGE_REQUEST) {
            intent.value("request", record.action().name());
        }
        record.details().forEach((name, value) -> {
            // Details name steps, states and endpoints; a name that could hold a secret
            // is never recorded.
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.contains("secret") && !lower.contains("password")) {
                intent.value(name, value);
            }
        });
        return intent.build();
    }

    /**
     * The store's name as the console last saw it: the record names only the ID, the
     * audit log shows both.
     */
    private @Nullable String nameOf(KeyStoreRef store) {
        try {
            return observed.lastSeenName(store).orElse(null);
        }
        catch (RuntimeException e) {
            return null;
        }
    }

    /** The audit action of a reported activity. */
    static KeyStoreAuditAction action(KeyStoreActivityAction action) {
        return switch (action) {
            case CONNECT -> KeyStoreAuditAction.CONNECT_CUSTOM_KEY_STORE;
            case DISCONNECT -> KeyStoreAuditAction.DISCONNECT_CUSTOM_KEY_STORE;
            case XKS_PREFLIGHT -> KeyStoreAuditAction.XKS_PREFLIGHT;
            case XKS_PREFLIGHT_OVERRIDDEN -> KeyStoreAuditAction.XKS_PREFLIGHT_OVERRIDDEN;
            case GUIDED_RUN_STARTED -> KeyStoreAuditAction.GUIDED_CHANGE_STARTED;
            case GUIDED_STEP -> KeyStoreAuditAction.GUIDED_CHANGE_STEP;
            case GUIDED_RUN_ENDED -> KeyStoreAuditAction.GUIDED_CHANGE_ENDED;
            case GUIDED_RUN_CANCEL_REQUESTED, GUIDED_RUN_LEAVE_DISCONNECTED_REQUESTED, GUIDED_RUN_SECRET_PROVIDED,
                    GUIDED_RUN_SECRET_REFUSED, GUIDED_RUN_NEEDS_SECRET ->
                KeyStoreAuditAction.GUIDED_CHANGE_REQUEST;
        };
    }

}
