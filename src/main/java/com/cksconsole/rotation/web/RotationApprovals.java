package com.cksconsole.rotation.web;

import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalRequest;
import com.cksconsole.approval.ApprovalRequirement;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.ChangeLine;
import com.cksconsole.approval.ProposedChange;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreFingerprint;
import com.cksconsole.keystore.XksProxySettings;

/**
 * A credential rotation as the approval rules see it (docs/approvals.md): the store's
 * current credential and the new one (generated when the rotation starts, or the
 * operator's own, whose secret counts only as its fingerprint), pinned to the store as
 * read. Built the same way when the approval is asked for and when it is executed.
 */
@Component
class RotationApprovals {

    static final String SECRET_ACCESS_KEY = "RawSecretAccessKey";

    static final String SOURCE = "source";

    static final String ACCESS_KEY_ID = "accessKeyId";

    private final Approvals approvals;

    RotationApprovals(Approvals approvals) {
        this.approvals = approvals;
    }

    Optional<ApprovalRequirement> requirement(String target, CustomKeyStore store) {
        return approvals.requirement(target, store.id(), Set.of(ApprovalOperation.CREDENTIAL_ROTATION));
    }

    /**
     * @param accessKeyId the operator's own access key ID, or null for a generated
     * credential
     * @param secret the operator's own secret access key, or null
     */
    ProposedChange describe(String target, CustomKeyStore store, @Nullable String accessKeyId,
            @Nullable String secret) {
        String current = store.xks().map(XksProxySettings::accessKeyId).orElse(null);
        var parameters = new HashMap<String, String>();
        var secrets = new HashMap<String, String>();
        parameters.put(SOURCE, accessKeyId == null ? "generate" : StartForm.OWN);
        if (accessKeyId != null) {
            parameters.put(ACCESS_KEY_ID, accessKeyId);
        }
        if (secret != null) {
            secrets.put(SECRET_ACCESS_KEY, approvals.fingerprint(SECRET_ACCESS_KEY, secret));
        }
        String after = accessKeyId == null ? "a credential the console generates when the rotation starts"
                : "access key ID " + accessKeyId + " with your secret access key";
        return new ProposedChange(target, store.id(), store.name() + " (" + store.id() + ")",
                Set.of(ApprovalOperation.CREDENTIAL_ROTATION),
                List.of(new ChangeLine("Proxy authentication credential",
                        current == null ? "(not set)" : "access key ID " + current, after)),
                parameters, secrets, KeyStoreFingerprint.of(store),
                "/t/" + target + "/key-stores/" + store.id() + "/rotations/approved/");
    }

    /** The operator's own access key ID of an approved rotation, or null (generated). */
    static @Nullable String ownAccessKeyId(ApprovalRequest request) {
        return request.change().parameters().get(ACCESS_KEY_ID);
    }

}
