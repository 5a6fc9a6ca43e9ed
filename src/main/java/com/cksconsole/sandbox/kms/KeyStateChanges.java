package com.cksconsole.sandbox.kms;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.sandbox.kms.SandboxKey.State;

/**
 * EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion and UpdateKeyDescription
 * (KMS API Reference; KMS Developer Guide, "Key states of AWS KMS keys"). They accept a
 * key ID or key ARN and change only the state KMS remembers: on a key of a disconnected
 * store EnableKey and DisableKey succeed and show once the store is connected again.
 */
final class KeyStateChanges implements KmsOperation {

    enum Kind {

        EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion, UpdateKeyDescription

    }

    private final Kind kind;

    private final RegionTransactions transactions;

    private final KeyRepository keys;

    KeyStateChanges(Kind kind, RegionTransactions transactions, KeyRepository keys) {
        this.kind = kind;
        this.transactions = transactions;
        this.keys = keys;
    }

    @Override
    public String name() {
        return kind.name();
    }

    @Override
    public ObjectNode handle(Call call, KmsRequest request) {
        String keyId = DescribeKey.requiredKeyId(request);
        return switch (kind) {
            case EnableKey -> change(call, keyId, State.Enabled);
            case DisableKey -> change(call, keyId, State.Disabled);
            case ScheduleKeyDeletion -> schedule(call, keyId, request.integer("PendingWindowInDays"));
            case CancelKeyDeletion -> cancel(call, keyId);
            case UpdateKeyDescription -> describe(call, keyId, request.string("Description"));
        };
    }

    private ObjectNode change(Call call, String keyId, State state) {
        KeyRegion.inRegion(transactions, keys, call.target(), region -> {
            SandboxKey key = region.resolveIdOrArn(keyId);
            KeyRegion.requireNotPendingDeletion(key);
            keys.update(key.withState(state, null));
            return Boolean.TRUE;
        });
        return KmsOperation.emptyResponse();
    }

    /**
     * PendingWindowInDays 7-30, default 30 (the documented range; the model allows 1-365,
     * and the error for 1-6 and 31-365 is unconfirmed: ValidationException).
     */
    private ObjectNode schedule(Call call, String keyId, @Nullable Integer window) {
        new ValidationErrors()
            .range("pendingWindowInDays", window, KeyFields.PENDING_WINDOW_MIN, KeyFields.PENDING_WINDOW_MAX)
            .throwIfAny();
        int days = window == null ? KeyFields.PENDING_WINDOW_DEFAULT : window;
        Scheduled scheduled = KeyRegion.inRegion(transactions, keys, call.target(), region -> {
            SandboxKey key = region.resolveIdOrArn(keyId);
            KeyRegion.requireNotPendingDeletion(key);
            Instant deletionDate = region.stores().now().plus(Duration.ofDays(days));
            keys.update(key.withState(State.PendingDeletion, deletionDate));
            return new Scheduled(key.arn(), deletionDate);
        });
        ObjectNode response = KmsOperation.emptyResponse();
        response.put("KeyId", scheduled.arn());
        response.put("DeletionDate", KeyStoreJson.epochSeconds(scheduled.deletionDate()));
        response.put("KeyState", State.PendingDeletion.name());
        response.put("PendingWindowInDays", days);
        return response;
    }

    private record Scheduled(String arn, Instant deletionDate) {
    }

    /** Back to Disabled, never straight to Enabled. */
    private ObjectNode cancel(Call call, String keyId) {
        SandboxKey key = KeyRegion.inRegion(transactions, keys, call.target(), region -> {
            SandboxKey found = region.resolveIdOrArn(keyId);
            if (found.state() != State.PendingDeletion) {
                throw KmsError.keyInvalidState(found.arn() + " is not pending deletion.");
            }
            keys.update(found.withState(State.Disabled, null));
            return found;
        });
        ObjectNode response = KmsOperation.emptyResponse();
        response.put("KeyId", key.arn());
        return response;
    }

    private ObjectNode describe(Call call, String keyId, @Nullable String given) {
        new ValidationErrors().required("description", given)
            .text("description", given, 0, KeyFields.DESCRIPTION_MAX, null)
            .throwIfAny();
        String description = Objects.requireNonNull(given);
        KeyRegion.inRegion(transactions, keys, call.target(), region -> {
            SandboxKey key = region.resolveIdOrArn(keyId);
            KeyRegion.requireNotPendingDeletion(key);
            keys.update(key.withDescription(description));
            return Boolean.TRUE;
        });
        return KmsOperation.emptyResponse();
    }

}
