package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;

import com.cksconsole.approval.ApprovalAuditAction;
import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalPolicies;
import com.cksconsole.approval.ApprovalPolicy;
import com.cksconsole.approval.ApprovalRequest;
import com.cksconsole.approval.ApprovalStatus;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.Approver;
import com.cksconsole.approval.ApproverRole;
import com.cksconsole.approval.ChangeLine;
import com.cksconsole.keystore.CreationRules;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.SandboxCustomerCa;
import com.cksconsole.targets.TargetName;

/**
 * Creating a key store under an approval policy (issue #20), over HTTP against the KMS
 * sandbox, with both wizards: the review step offers a request instead of "Create", the
 * plain create POST is refused, an approved request is executed with its secret entered
 * again (a different one refused), and break glass creates with a grant and a reason.
 * Every store and policy a test creates is deleted after it.
 */
@ConsoleApplicationTest
class CreateApprovalApplicationTest {

    private static final String PASSWORD = "operator-password-2026";

    private static final String XKS = "/t/default/key-stores/new/xks";

    private static final String HSM = "/t/default/key-stores/new/cloudhsm";

    private static final Pattern TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ApprovalPolicies policies;

    @Autowired
    Approvals approvals;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    JdbcClient jdbc;

    private KmsClient kms;

    private ApprovalPolicy policy;

    private String alice;

    private String bob;

    private ConsoleHttpClient console;

    @BeforeEach
    void operators() {
        kms = KeyStoreServices.defaultClient(context);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        alice = "calice-" + suffix;
        bob = "cbob-" + suffix;
        for (String name : new String[] { alice, bob }) {
            users.insert(new UserAccount(name, encoder.encode(PASSWORD), Set.of(Role.OPERATOR), true, false));
        }
        console = ConsoleHttpClient.signedIn(port, alice, PASSWORD);
    }

    @AfterEach
    void cleanUp() {
        if (policy != null) {
            policies.delete(policy.id());
        }
        policies.revokeBreakGlass(alice);
        for (var store : kms.describeCustomKeyStores(r -> r.limit(100)).customKeyStores()) {
            if (store.customKeyStoreName().startsWith("ekm-approved-")
                    || store.customKeyStoreName().startsWith("hsm-approved-")) {
                kms.deleteCustomKeyStore(r -> r.customKeyStoreId(store.customKeyStoreId()));
            }
        }
        context.getBean(KeyStoreReads.class).forgetSnapshot();
    }

    private void policy() {
        policy = policies.create(new TargetName("default"), null, EnumSet.of(ApprovalOperation.CREATE), 1,
                ApproverRole.OPERATOR, Duration.ofHours(24), false, "admin");
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }

    private HttpResponse<String> post(String path, String... fields) {
        var form = new LinkedHashMap<String, String>();
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        var response = console.postForm(path, form);
        assertThat(response.statusCode()).as(path).isEqualTo(302);
        return response;
    }

    private String start(String base) {
        var started = console.get(base);
        assertThat(started.statusCode()).isEqualTo(302);
        var matcher = Pattern.compile(base + "/([A-Za-z0-9_-]+)/name").matcher(location(started));
        assertThat(matcher.find()).isTrue();
        String wizard = base + "/" + matcher.group(1);
        assertThat(console.get(wizard + "/name").statusCode()).isEqualTo(200);
        return wizard;
    }

    /** An external key store wizard up to its review step; returns its base URL. */
    private String xksReviewed(String name) {
        String wizard = start(XKS);
        post(wizard + "/name", CreationRules.NAME, name);
        console.get(wizard + "/connectivity");
        post(wizard + "/connectivity", CreationRules.CONNECTIVITY, "PUBLIC_ENDPOINT");
        console.get(wizard + "/proxy");
        post(wizard + "/proxy", CreationRules.ENDPOINT, XksCreateApplicationTest.ENDPOINT, CreationRules.PATH,
                XksCreateApplicationTest.FREE_PATH, CreationRules.ACCESS_KEY_ID, SeededKeyStores.TENANT_B_KEY,
                CreationRules.SECRET, SeededKeyStores.TENANT_B_SECRET);
        return wizard;
    }

    /** A CloudHSM key store wizard up to its review step; returns its base URL. */
    private String cloudHsmReviewed(String name) {
        String wizard = start(HSM);
        post(wizard + "/name", CreationRules.NAME, name);
        console.get(wizard + "/cluster");
        post(wizard + "/cluster", CreationRules.CLUSTER_ID, CloudHsmCreateApplicationTest.FREE);
        console.get(wizard + "/trust-anchor");
        var uploaded = console.postMultipart(wizard + "/trust-anchor", Map.of(), "file", "customerCA.crt",
                SandboxCustomerCa.of(port, CloudHsmCreateApplicationTest.FREE));
        assertThat(location(uploaded)).endsWith("/password");
        console.get(wizard + "/password");
        post(wizard + "/password", CreationRules.PASSWORD, CloudHsmCreateApplicationTest.FREE_PASSWORD);
        return wizard;
    }

    /** The plain create POST of the review step, with its form token. */
    private HttpResponse<String> create(String wizard, Map<String, String> fields) {
        var review = console.get(wizard + "/review");
        var token = TOKEN.matcher(review.body());
        assertThat(token.find()).as(review.body()).isTrue();
        var form = new LinkedHashMap<>(fields);
        form.put("formToken", token.group(1));
        return console.postForm(wizard + "/create", form);
    }

    /** Requests approval from the review step; returns the request. */
    private ApprovalRequest requested(String wizard, String reason) {
        console.get(wizard + "/review");
        var requested = post(wizard + "/request-approval", "reason", reason);
        assertThat(location(requested)).startsWith("/t/default/approvals/");
        return approvals.find(location(requested).substring(location(requested).lastIndexOf('/') + 1)).orElseThrow();
    }

    private List<CustomKeyStoresListEntry> named(String name) {
        return kms.describeCustomKeyStores(r -> r.limit(100))
            .customKeyStores()
            .stream()
            .filter(store -> name.equals(store.customKeyStoreName()))
            .toList();
    }

    private String changeJson(String requestId) {
        return jdbc.sql("select change_json from approval_request where id = ?")
            .param(requestId)
            .query(String.class)
            .single();
    }

    private static String newName(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void withoutAPolicyTheReviewStepOffersThePlainCreateAsBefore() {
        String wizard = xksReviewed(newName("ekm-approved-"));

        var review = console.get(wizard + "/review").body();

        assertThat(review).contains("action=\"" + wizard + "/create\"")
            .contains("Create the key store")
            .doesNotContain("This needs approval")
            .doesNotContain("/request-approval");
    }

    @Test
    void underAPolicyTheReviewStepOffersARequestForApprovalInsteadOfCreate() {
        policy();
        String wizard = xksReviewed(newName("ekm-approved-"));

        var review = console.get(wizard + "/review").body();

        assertThat(review).contains("This needs approval by one approver with the OPERATOR role, other than you")
            .contains("action=\"" + wizard + "/request-approval\"")
            .contains("name=\"reason\"")
            .doesNotContain("action=\"" + wizard + "/create\"")
            .doesNotContain("Break glass");
    }

    @Test
    void aDirectCreateUnderAPolicyIsRefusedAndNothingIsSent() {
        String name = newName("ekm-approved-");
        String wizard = xksReviewed(name);
        // A review page read before the policy existed still holds a create form.
        var token = TOKEN.matcher(console.get(wizard + "/review").body());
        assertThat(token.find()).isTrue();
        policy();

        var refused = console.postForm(wizard + "/create", Map.of("formToken", token.group(1), "overrideReason", ""));

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(location(refused)).isEqualTo(wizard + "/review");
        assertThat(console.get(location(refused)).body()).contains(
                "This needs approval by one approver with the OPERATOR role, other than you. Nothing was sent to KMS");
        assertThat(named(name)).isEmpty();
    }

    @Test
    void theRequestRecordsTheValuesAndOnlyTheSecretsFingerprintAndTheWizardIsDiscarded() {
        policy();
        String name = newName("ekm-approved-");
        String wizard = xksReviewed(name);

        var request = requested(wizard, "New tenant B, CHG-77");

        var change = request.change();
        assertThat(request.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(change.target()).isEqualTo("default");
        assertThat(change.storeId()).isNull();
        assertThat(change.subject()).isEqualTo("new external key store " + name);
        assertThat(change.operations()).containsExactly(ApprovalOperation.CREATE);
        assertThat(change.lines()).contains(new ChangeLine("CustomKeyStoreName", null, name),
                new ChangeLine("CustomKeyStoreType", null, "EXTERNAL_KEY_STORE"),
                new ChangeLine("XksProxyConnectivity", null, "PUBLIC_ENDPOINT"),
                new ChangeLine("XksProxyUriEndpoint", null, XksCreateApplicationTest.ENDPOINT),
                new ChangeLine("XksProxyUriPath", null, XksCreateApplicationTest.FREE_PATH),
                new ChangeLine("XksProxyAuthenticationCredential.AccessKeyId", null, SeededKeyStores.TENANT_B_KEY));
        assertThat(change.secretFingerprints()).containsOnlyKeys(CreateApprovals.SECRET_ACCESS_KEY);
        assertThat(change.storeFingerprint()).isNull();
        assertThat(request.executeUrl()).isEqualTo("/t/default/key-stores/new/approved/" + request.id());
        assertThat(changeJson(request.id())).contains(name).doesNotContain(SeededKeyStores.TENANT_B_SECRET);
        assertThat(location(console.get(wizard + "/review"))).isEqualTo("/t/default/key-stores");
        assertThat(named(name)).isEmpty();
    }

    @Test
    void aRequestWithoutAReasonIsRefusedNextToTheField() {
        policy();
        String wizard = xksReviewed(newName("ekm-approved-"));
        int open = approvals.open(target -> true).size();

        var refused = post(wizard + "/request-approval", "reason", " ");

        assertThat(location(refused)).isEqualTo(wizard + "/review");
        assertThat(console.get(wizard + "/review").body()).contains("id=\"reason-error\"")
            .contains("Say why the change is needed");
        assertThat(approvals.open(target -> true)).hasSize(open);
    }

    @Test
    void aPendingRequestCannotBeExecuted() {
        policy();
        var request = requested(xksReviewed(newName("ekm-approved-")), "New tenant B");

        var page = console.get(request.executeUrl());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("You cannot execute this request now")
            .doesNotContain("action=\"" + request.executeUrl() + "\"");
    }

    @Test
    void anApprovedXksCreateIsExecutedWithTheSecretEnteredAgain() {
        policy();
        String name = newName("ekm-approved-");
        var request = requested(xksReviewed(name), "New tenant B, CHG-77");
        approvals.decide(request.id(), new Approver(bob, true, false), true, "Go ahead");

        var page = console.get(request.executeUrl()).body();
        assertThat(page).contains(name)
            .contains(XksCreateApplicationTest.FREE_PATH)
            .contains(bob)
            .contains("action=\"" + request.executeUrl() + "\"")
            .contains("name=\"secret\"");
        var executed = console.postForm(request.executeUrl(), Map.of("secret", SeededKeyStores.TENANT_B_SECRET));

        assertThat(executed.statusCode()).isEqualTo(302);
        var store = named(name);
        assertThat(store).singleElement().satisfies(entry -> {
            assertThat(entry.customKeyStoreTypeAsString()).isEqualTo("EXTERNAL_KEY_STORE");
            assertThat(entry.xksProxyConfiguration().uriPath()).isEqualTo(XksCreateApplicationTest.FREE_PATH);
            assertThat(entry.xksProxyConfiguration().accessKeyId()).isEqualTo(SeededKeyStores.TENANT_B_KEY);
        });
        assertThat(location(executed)).isEqualTo("/t/default/key-stores/" + store.get(0).customKeyStoreId());
        assertThat(approvals.find(request.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.EXECUTED);
        assertThat(changeJson(request.id())).doesNotContain(SeededKeyStores.TENANT_B_SECRET);
    }

    @Test
    void aDifferentSecretIsRefusedNextToItsFieldAndTheApprovalStands() {
        policy();
        String name = newName("ekm-approved-");
        var request = requested(xksReviewed(name), "New tenant B, CHG-77");
        approvals.decide(request.id(), new Approver(bob, true, false), true, null);
        console.get(request.executeUrl());

        var refused = console.postForm(request.executeUrl(), Map.of("secret", "not-the-approved-secret-at-all"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"secret-error\"")
            .contains("their fingerprints differ")
            .doesNotContain("not-the-approved-secret-at-all");
        assertThat(approvals.find(request.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(named(name)).isEmpty();
    }

    @Test
    void aStoreThatKmsWouldRefuseNowIsNotSentAndTheApprovalStands() {
        policy();
        String name = newName("ekm-approved-");
        var first = requested(xksReviewed(name), "New tenant B, CHG-77");
        var second = requested(xksReviewed(name), "The same store, asked twice");
        approvals.decide(first.id(), new Approver(bob, true, false), true, null);
        approvals.decide(second.id(), new Approver(bob, true, false), true, null);
        console.get(first.executeUrl());
        assertThat(console.postForm(first.executeUrl(), Map.of("secret", SeededKeyStores.TENANT_B_SECRET)).statusCode())
            .isEqualTo(302);

        console.get(second.executeUrl());
        var refused = console.postForm(second.executeUrl(), Map.of("secret", SeededKeyStores.TENANT_B_SECRET));

        assertThat(location(refused)).isEqualTo(second.executeUrl());
        assertThat(console.get(second.executeUrl()).body()).contains("KMS would refuse this key store now")
            .contains("action=\"" + second.executeUrl() + "\"");
        assertThat(approvals.find(second.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(named(name)).hasSize(1);
    }

    @Test
    void anApprovedCloudHsmCreateIsExecutedWithThePasswordEnteredAgain() {
        policy();
        String name = newName("hsm-approved-");
        var request = requested(cloudHsmReviewed(name), "Payments HSM store, CHG-78");
        assertThat(request.change().lines())
            .contains(new ChangeLine("CustomKeyStoreType", null, "AWS_CLOUDHSM"),
                    new ChangeLine("CloudHsmClusterId", null, CloudHsmCreateApplicationTest.FREE))
            .anySatisfy(line -> assertThat(line.label()).isEqualTo("TrustAnchorCertificate.SHA256"))
            .noneSatisfy(line -> assertThat(String.valueOf(line.after())).contains("BEGIN CERTIFICATE"));
        assertThat(changeJson(request.id())).doesNotContain(CloudHsmCreateApplicationTest.FREE_PASSWORD);
        approvals.decide(request.id(), new Approver(bob, true, false), true, null);
        assertThat(console.get(request.executeUrl()).body()).contains("Key store password (the kmsuser password)");

        var executed = console.postForm(request.executeUrl(),
                Map.of("secret", CloudHsmCreateApplicationTest.FREE_PASSWORD));

        assertThat(executed.statusCode()).isEqualTo(302);
        assertThat(named(name)).singleElement()
            .satisfies(entry -> assertThat(entry.cloudHsmClusterId()).isEqualTo(CloudHsmCreateApplicationTest.FREE));
        assertThat(approvals.find(request.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.EXECUTED);
    }

    @Test
    void breakingTheGlassWithAGrantAndAReasonCreatesAndIsAuditedForReview() {
        policy();
        policies.grantBreakGlass(alice, "admin");
        String name = newName("ekm-approved-");
        String wizard = xksReviewed(name);
        assertThat(console.get(wizard + "/review").body()).contains("Break glass: create without approval")
            .contains("name=\"breakGlassReason\"");
        int uses = breakGlassUses();

        var created = create(wizard, Map.of("overrideReason", "", "breakGlassReason", "Incident 42: tenant B down"));

        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(named(name)).singleElement();
        assertThat(location(created)).isEqualTo("/t/default/key-stores/" + named(name).get(0).customKeyStoreId());
        assertThat(breakGlassUses()).isEqualTo(uses + 1);
    }

    @Test
    void breakingTheGlassWithoutAGrantIsRefused() {
        String name = newName("ekm-approved-");
        String wizard = xksReviewed(name);
        var token = TOKEN.matcher(console.get(wizard + "/review").body());
        assertThat(token.find()).isTrue();
        policy();
        int uses = breakGlassUses();

        var refused = console.postForm(wizard + "/create",
                Map.of("formToken", token.group(1), "overrideReason", "", "breakGlassReason", "Incident 42"));

        assertThat(location(refused)).isEqualTo(wizard + "/review");
        assertThat(console.get(wizard + "/review").body()).contains("You hold no break-glass right");
        assertThat(named(name)).isEmpty();
        assertThat(breakGlassUses()).isEqualTo(uses);
    }

    @Test
    void breakingTheGlassWithoutAReasonIsRefusedNextToTheField() {
        policy();
        policies.grantBreakGlass(alice, "admin");
        String name = newName("hsm-approved-");
        String wizard = cloudHsmReviewed(name);

        var refused = create(wizard, Map.of("breakGlassReason", ""));

        assertThat(location(refused)).isEqualTo(wizard + "/review");
        assertThat(console.get(wizard + "/review").body()).contains("id=\"breakGlassReason-error\"")
            .contains("Breaking the glass needs a reason");
        assertThat(named(name)).isEmpty();
    }

    private int breakGlassUses() {
        return jdbc.sql("select count(*) from audit_event where action = ? and actor = ?")
            .params(ApprovalAuditAction.BREAK_GLASS_USED.name(), alice)
            .query(Integer.class)
            .single();
    }

}
