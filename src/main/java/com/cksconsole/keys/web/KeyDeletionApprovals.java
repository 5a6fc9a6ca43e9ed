package com.cksconsole.keys.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalRequirement;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.ChangeLine;
import com.cksconsole.approval.ProposedChange;
import com.cksconsole.keys.KmsKey;
import com.cksconsole.keystore.CustomKeyStore;

/**
 * A key's scheduled deletion as the approval rules see it (docs/approvals.md): the key
 * and its waiting period, pinned to the key's state and aliases as read (a key whose
 * state changed since the approval voids it). Built the same way when the approval is
 * asked for and when it is executed.
 */
@Component
class KeyDeletionApprovals {

    static final String DAYS = "pendingWindowInDays";

    private final Approvals approvals;

    KeyDeletionApprovals(Approvals approvals) {
        this.approvals = approvals;
    }

    Optional<ApprovalRequirement> requirement(String target, CustomKeyStore store) {
        return approvals.requirement(target, store.id(), Set.of(ApprovalOperation.KEY_DELETION));
    }

    ProposedChange describe(String target, CustomKeyStore store, KmsKey key, int days) {
        return new ProposedChange(target, store.id(), "KMS key " + key.keyId() + " of " + store.name(),
                Set.of(ApprovalOperation.KEY_DELETION),
                List.of(new ChangeLine("KMS key " + key.keyId(), key.keyState(),
                        "PendingDeletion, deleted after " + days + " days")),
                Map.of("keyId", key.keyId(), DAYS, String.valueOf(days)), Map.of(),
                "key " + key.keyId() + " " + key.keyState() + " aliases " + String.join(",", key.aliases()),
                "/t/" + target + "/key-stores/" + store.id() + "/keys/" + key.keyId() + "/schedule-deletion/approved/");
    }

}
