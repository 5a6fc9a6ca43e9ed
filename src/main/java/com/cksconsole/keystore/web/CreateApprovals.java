package com.cksconsole.keystore.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalRequest;
import com.cksconsole.approval.ApprovalStatus;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.ChangeLine;
import com.cksconsole.approval.CurrentApprover;
import com.cksconsole.approval.ExecutionClearance;
import com.cksconsole.approval.ProposedChange;
import com.cksconsole.keystore.CreationRules;
import com.cksconsole.keystore.NewCloudHsmStore;
import com.cksconsole.keystore.NewXksStore;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.TrustAnchor;
import com.cksconsole.keystore.XksCredential;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.kms.XksConnectivity;

/**
 * Creating a key store (either wizard) as a change for approval (docs/approvals.md): a
 * target-wide operation (no store exists yet, so there is no store fingerprint), whose
 * lines are the values CreateCustomKeyStore would get, whose parameters are every
 * non-secret value the execution page rebuilds the store from, and whose secret (the XKS
 * secret access key, the {@code kmsuser} password) is only an HMAC fingerprint. Built the
 * same way when the approval is requested and when it is executed, so the hashes match
 * only for the same store, the same account and Region, and the same secret.
 */
@Component
class CreateApprovals {

    /** Where an approved create is executed (its request's ID is appended). */
    static final String EXECUTE_PATH = "/t/{target}/key-stores/new/approved/";

    static final String TYPE = "customKeyStoreType";

    static final String EXTERNAL = "EXTERNAL_KEY_STORE";

    static final String CLOUDHSM = "AWS_CLOUDHSM";

    /** The secrets' names, as KMS's API names the members (no plain value is kept). */
    static final String SECRET_ACCESS_KEY = "RawSecretAccessKey";

    static final String PASSWORD = "KeyStorePassword";

    private static final Set<ApprovalOperation> CREATE = Set.of(ApprovalOperation.CREATE);

    private final Approvals approvals;

    private final CurrentApprover currentApprover;

    CreateApprovals(Approvals approvals, CurrentApprover currentApprover) {
        this.approvals = approvals;
        this.currentApprover = currentApprover;
    }

    /**
     * What the review step offers instead of "Create": empty when creating a store in
     * this target needs no approval (today's behaviour).
     */
    Optional<StoreApprovals.Offer> offer(String target, String user) {
        return approvals.requirement(target, null, CREATE)
            .map(requirement -> new StoreApprovals.Offer(requirement, approvals.holdsBreakGlass(user)));
    }

    ProposedChange xks(String target, NewXksStore store) {
        var lines = new ArrayList<ChangeLine>(account(store.target()));
        var parameters = new HashMap<String, String>();
        value(lines, parameters, "CustomKeyStoreName", CreationRules.NAME, store.name());
        value(lines, parameters, "CustomKeyStoreType", TYPE, EXTERNAL);
        value(lines, parameters, "XksProxyConnectivity", CreationRules.CONNECTIVITY, store.connectivity().name());
        value(lines, parameters, "XksProxyUriEndpoint", CreationRules.ENDPOINT, store.uriEndpoint());
        value(lines, parameters, "XksProxyUriPath", CreationRules.PATH, store.uriPath());
        if (store.viaVpcEndpointService()) {
            value(lines, parameters, "XksProxyVpcEndpointServiceName", CreationRules.SERVICE_NAME,
                    store.vpcEndpointServiceName());
            value(lines, parameters, "XksProxyVpcEndpointServiceOwner", CreationRules.SERVICE_OWNER,
                    store.vpcEndpointServiceOwner());
        }
        value(lines, parameters, "XksProxyAuthenticationCredential.AccessKeyId", CreationRules.ACCESS_KEY_ID,
                store.credential().accessKeyId());
        return change(target, "new external key store " + store.name(), lines, parameters, Map.of(SECRET_ACCESS_KEY,
                approvals.fingerprint(SECRET_ACCESS_KEY, store.credential().rawSecretAccessKey().reveal())));
    }

    ProposedChange cloudHsm(String target, NewCloudHsmStore store) {
        var lines = new ArrayList<ChangeLine>(account(store.target()));
        var parameters = new HashMap<String, String>();
        value(lines, parameters, "CustomKeyStoreName", CreationRules.NAME, store.name());
        value(lines, parameters, "CustomKeyStoreType", TYPE, CLOUDHSM);
        value(lines, parameters, "CloudHsmClusterId", CreationRules.CLUSTER_ID, store.cloudHsmClusterId());
        // The approver reads the certificate's fingerprint (what openssl prints), the
        // execution needs the PEM itself: at most TrustAnchor.MAX_BYTES characters, well
        // within what a request's change holds.
        var anchor = TrustAnchor.parse(store.trustAnchorCertificate().getBytes(StandardCharsets.US_ASCII)).anchor();
        lines.add(new ChangeLine("TrustAnchorCertificate.SHA256", null,
                anchor == null ? "unreadable" : anchor.summary().sha256()));
        if (anchor != null && anchor.summary().subject() != null) {
            lines.add(new ChangeLine("TrustAnchorCertificate.Subject", null, anchor.summary().subject()));
        }
        parameters.put(CreationRules.TRUST_ANCHOR, store.trustAnchorCertificate());
        return change(target, "new CloudHSM key store " + store.name(), lines, parameters,
                Map.of(PASSWORD, approvals.fingerprint(PASSWORD, store.keyStorePassword().reveal())));
    }

    /** Whether the approved request creates an external key store (else CloudHSM). */
    static boolean external(ApprovalRequest request) {
        return EXTERNAL.equals(request.change().parameters().get(TYPE));
    }

    /** The external key store of an approved request, with its secret entered again. */
    static NewXksStore xksOf(ApprovalRequest request, KmsTarget target, String secretAccessKey) {
        var values = request.change().parameters();
        return new NewXksStore(target, required(values, CreationRules.NAME),
                XksConnectivity.valueOf(required(values, CreationRules.CONNECTIVITY)),
                required(values, CreationRules.ENDPOINT), required(values, CreationRules.PATH),
                values.get(CreationRules.SERVICE_NAME), values.get(CreationRules.SERVICE_OWNER),
                new XksCredential(required(values, CreationRules.ACCESS_KEY_ID), Secret.of(secretAccessKey)));
    }

    /** The CloudHSM key store of an approved request, with its password entered again. */
    static NewCloudHsmStore cloudHsmOf(ApprovalRequest request, KmsTarget target, String password) {
        var values = request.change().parameters();
        return new NewCloudHsmStore(target, required(values, CreationRules.NAME),
                required(values, CreationRules.CLUSTER_ID), required(values, CreationRules.TRUST_ANCHOR),
                Secret.of(password));
    }

    /**
     * @throws com.cksconsole.approval.ApprovalRefusedException no reason, or no policy
     */
    ApprovalRequest request(ProposedChange change, String user, @Nullable String reason) {
        return approvals.request(change, user, reason);
    }

    /**
     * The request, when it is one to create a store in this target (so that this page
     * cannot be pointed at another operation's request).
     */
    Optional<ApprovalRequest> find(String requestId, String target) {
        return approvals.find(requestId)
            .filter(request -> request.change().target().equals(target) && request.change().storeId() == null
                    && request.change().operations().equals(CREATE)
                    && request.change().executePath().equals(executePath(target)));
    }

    /** Whether the signed-in user may execute the request, once approved. */
    boolean executable(ApprovalRequest request) {
        return request.status() == ApprovalStatus.APPROVED
                && request.executableBy(currentApprover.on(request.change().target()));
    }

    /**
     * Checks the rebuilt change against the approval without claiming it (a different
     * secret is refused before anything else runs).
     * @throws com.cksconsole.approval.ApprovalRefusedException as
     * {@link Approvals#verify}
     */
    void verify(String requestId, ProposedChange now) {
        approvals.verify(requestId, now, currentApprover.on(now.target()));
    }

    /**
     * @throws com.cksconsole.approval.ApprovalRefusedException as {@link Approvals#clear}
     */
    ExecutionClearance clear(String requestId, ProposedChange now) {
        return approvals.clear(requestId, now, currentApprover.on(now.target()));
    }

    /**
     * @throws com.cksconsole.approval.ApprovalRefusedException no grant, or no reason
     */
    ExecutionClearance breakGlass(ProposedChange change, String user, @Nullable String reason) {
        return approvals.breakGlass(change, user, reason);
    }

    /** CreateCustomKeyStore was sent (whatever KMS answered): the request is EXECUTED. */
    void sent(ExecutionClearance clearance) {
        approvals.sent(clearance);
    }

    /** Nothing was sent: the approval stands, for another try within its window. */
    void notSent(ExecutionClearance clearance) {
        approvals.notSent(clearance);
    }

    static String executePath(String target) {
        return EXECUTE_PATH.replace("{target}", target);
    }

    private static ProposedChange change(String target, String subject, List<ChangeLine> lines,
            Map<String, String> parameters, Map<String, String> secretFingerprints) {
        return new ProposedChange(target, null, subject, CREATE, lines, parameters, secretFingerprints, null,
                executePath(target));
    }

    /**
     * The account and Region the store is created in: a target pointed elsewhere since
     * the approval makes another change, which voids it.
     */
    private static List<ChangeLine> account(KmsTarget target) {
        return List.of(new ChangeLine("AccountId", null, target.accountId() == null ? "default" : target.accountId()),
                new ChangeLine("Region", null, target.region()));
    }

    /** A line (labelled as KMS's API names the member) and its parameter. */
    private static void value(List<ChangeLine> lines, Map<String, String> parameters, String label, String name,
            @Nullable String value) {
        if (value == null) {
            return;
        }
        lines.add(new ChangeLine(label, null, value));
        parameters.put(name, value);
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("An approved create lacks its " + name);
        }
        return value;
    }

}
