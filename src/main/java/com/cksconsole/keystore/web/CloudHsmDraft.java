package com.cksconsole.keystore.web;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.NewCloudHsmStore;
import com.cksconsole.keystore.Secret;
import com.cksconsole.kms.KmsTarget;

/**
 * What the CloudHSM key store wizard holds between its pages, on the server (as
 * {@link XksDraft} does for the external one): the name, the chosen cluster, the trust
 * anchor's PEM, the {@code kmsuser} password (in memory only, never rendered) and the
 * review form's one-use token.
 */
record CloudHsmDraft(String id, String username, String targetName, KmsTarget target, @Nullable String name,
        @Nullable String clusterId, @Nullable String trustAnchorPem, @Nullable Secret password,
        @Nullable String formToken, Instant expiresAt) implements WizardDrafts.Draft<CloudHsmDraft> {

    static CloudHsmDraft start(String id, String username, String targetName, KmsTarget target, Instant expiresAt) {
        return new CloudHsmDraft(id, username, targetName, target, null, null, null, null, null, expiresAt);
    }

    CloudHsmDraft withName(String newName) {
        return new CloudHsmDraft(id, username, targetName, target, newName, clusterId, trustAnchorPem, password, null,
                expiresAt);
    }

    /** Another cluster needs another trust anchor: the one held is dropped. */
    CloudHsmDraft withCluster(String newClusterId) {
        boolean same = newClusterId.equals(clusterId);
        return new CloudHsmDraft(id, username, targetName, target, name, newClusterId, same ? trustAnchorPem : null,
                password, null, expiresAt);
    }

    CloudHsmDraft withTrustAnchor(String pem) {
        return new CloudHsmDraft(id, username, targetName, target, name, clusterId, pem, password, null, expiresAt);
    }

    CloudHsmDraft withPassword(Secret newPassword) {
        return new CloudHsmDraft(id, username, targetName, target, name, clusterId, trustAnchorPem, newPassword, null,
                expiresAt);
    }

    @Override
    public CloudHsmDraft withFormToken(@Nullable String token) {
        return new CloudHsmDraft(id, username, targetName, target, name, clusterId, trustAnchorPem, password, token,
                expiresAt);
    }

    @Override
    public CloudHsmDraft renewed(Instant newExpiry) {
        return new CloudHsmDraft(id, username, targetName, target, name, clusterId, trustAnchorPem, password, formToken,
                newExpiry);
    }

    public boolean passwordHeld() {
        return password != null;
    }

    Optional<NewCloudHsmStore> store() {
        if (name == null || clusterId == null || trustAnchorPem == null || password == null) {
            return Optional.empty();
        }
        return Optional.of(new NewCloudHsmStore(target, name, clusterId, trustAnchorPem, password));
    }

    @Override
    public String toString() {
        return "CloudHsmDraft[id=" + id + ", target=" + target + ", name=" + name + ", cluster=" + clusterId
                + ", password=" + (password == null ? "none" : "<redacted>") + "]";
    }

}
