package com.cksconsole.keystore.guided;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KeyStoreType;

/**
 * A guided change as recorded in the database, with its steps in order.
 *
 * @param store the key store the run changes (its account, Region and ID)
 * @param settingsFingerprint
 * {@link com.cksconsole.keystore.CustomKeyStore#settingsFingerprint()} of the store as
 * reviewed: the run sends nothing once someone else has changed a setting
 * @param outcome where the run stopped or ended: the store's state and what to do, in
 * plain words
 */
public record GuidedRun(String id, KeyStoreRef store, String storeName, KeyStoreType storeType, GuidedMode mode,
        RunStatus status, StoredChange change, String settingsFingerprint, String startedBy, @Nullable String reason,
        boolean cancelRequested, boolean updateStarted, boolean leaveDisconnectedRequested, boolean connectStarted,
        @Nullable String outcome, @Nullable NextAction nextAction, Instant createdAt, Instant updatedAt,
        @Nullable Instant finishedAt, List<GuidedStep> steps) {

    public GuidedRun {
        steps = List.copyOf(steps);
    }

    /** The changed store's ID (for pages and messages within its account and Region). */
    public String storeId() {
        return store.keyStoreId();
    }

    /**
     * One property the change sets, with its new value (a secret only as "will be
     * replaced").
     */
    public record ChangedValue(String label, String value) {
    }

    /** What the change sets, for the status page (never a secret). */
    public List<ChangedValue> changedValues() {
        var values = new java.util.ArrayList<ChangedValue>();
        add(values, UpdatableProperty.NAME, change.newName());
        add(values, UpdatableProperty.CLOUDHSM_CLUSTER_ID, change.cloudHsmClusterId());
        add(values, UpdatableProperty.XKS_URI_ENDPOINT, change.uriEndpoint());
        add(values, UpdatableProperty.XKS_URI_PATH, change.uriPath());
        add(values, UpdatableProperty.XKS_CONNECTIVITY,
                change.connectivity() == null ? null : change.connectivity().label());
        add(values, UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_NAME, change.vpcEndpointServiceName());
        add(values, UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_OWNER, change.vpcEndpointServiceOwner());
        if (change.secretNeeded()) {
            values.add(storeType == KeyStoreType.AWS_CLOUDHSM
                    ? new ChangedValue(UpdatableProperty.KEY_STORE_PASSWORD.title(), "will be replaced")
                    : new ChangedValue(UpdatableProperty.XKS_CREDENTIAL.title(),
                            "access key ID " + change.accessKeyId() + ", secret access key will be replaced"));
        }
        return values;
    }

    private static void add(List<ChangedValue> values, UpdatableProperty property, @Nullable String value) {
        if (value != null) {
            values.add(new ChangedValue(property.title(), value));
        }
    }

    /** The first step not yet finished, if any. */
    public Optional<GuidedStep> currentStep() {
        return steps.stream().filter(step -> step.status().isOpen()).findFirst();
    }

    public Optional<GuidedStep> step(StepName name) {
        return steps.stream().filter(step -> step.name() == name).findFirst();
    }

    public boolean stepDone(StepName name) {
        return step(name).map(step -> step.status() == StepStatus.DONE).orElse(false);
    }

    /** Whether an operator may still cancel: before the update step has started. */
    public boolean cancellable() {
        return status.isActive() && !updateStarted && !cancelRequested;
    }

    /**
     * Whether an operator may still ask to end disconnected: a reconnecting run, before
     * its connect step.
     */
    public boolean mayLeaveDisconnected() {
        return status.isActive() && mode == GuidedMode.RECONNECT && !connectStarted && !leaveDisconnectedRequested
                && !cancelRequested;
    }

    public boolean secretNeeded() {
        return change.secretNeeded();
    }

    /** What the secret is, for the page that asks for it again. */
    public String secretLabel() {
        return change.secretLabel();
    }
}
