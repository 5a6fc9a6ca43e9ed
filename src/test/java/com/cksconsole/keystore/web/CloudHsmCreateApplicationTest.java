package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;

import com.cksconsole.keystore.CreationRules;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.kms.KmsConstraints;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.SandboxCustomerCa;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * The CloudHSM key store wizard end to end: the console's pages over HTTP, CloudHSM
 * DescribeClusters and KMS through the real AWS SDK against the sandbox, the trust anchor
 * the sandbox issued for the cluster's backup family. Every store a test creates is
 * deleted after it.
 */
@ConsoleApplicationTest
class CloudHsmCreateApplicationTest {

    /** Free, active, two HSMs in two zones (application.yml). */
    static final String FREE = "cluster-h5vq2xw7zpm";

    /** Usable as far as DescribeClusters shows; its security group blocks 2223-2225. */
    static final String CLOSED_SECURITY_GROUP = "cluster-closedsghsm5";

    static final String FREE_PASSWORD = "SpareCluster9";

    static final String BASE = "/t/default/key-stores/new/cloudhsm";

    private static final Pattern DRAFT = Pattern.compile(BASE + "/([A-Za-z0-9_-]+)/name");

    private static final Pattern TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private ConsoleHttpClient console;

    private KmsClient kms;

    @BeforeEach
    void signIn() {
        console = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        kms = KeyStoreServices.defaultClient(context);
    }

    @AfterEach
    void deleteCreatedStores() {
        var seeded = List.of(SeededKeyStores.FINANCE_HSM, SeededKeyStores.PAYMENTS_HSM, SeededKeyStores.PUBLIC_XKS,
                SeededKeyStores.PRIVATE_XKS);
        for (var store : kms.describeCustomKeyStores(r -> r.limit(100)).customKeyStores()) {
            if (!seeded.contains(store.customKeyStoreId()) && store.customKeyStoreName().startsWith("hsm-created-")) {
                kms.deleteCustomKeyStore(r -> r.customKeyStoreId(store.customKeyStoreId()));
            }
        }
        context.getBean(KeyStoreReads.class).forgetSnapshot();
    }

    private String start() {
        var started = console.get(BASE);
        assertThat(started.statusCode()).isEqualTo(302);
        var matcher = DRAFT.matcher(location(started));
        assertThat(matcher.find()).isTrue();
        String wizard = BASE + "/" + matcher.group(1);
        assertThat(console.get(wizard + "/name").statusCode()).isEqualTo(200);
        return wizard;
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

    private HttpResponse<String> follow(HttpResponse<String> redirect) {
        return console.get(location(redirect));
    }

    private HttpResponse<String> upload(String wizard, byte[] content) {
        console.get(wizard + "/trust-anchor");
        var response = console.postMultipart(wizard + "/trust-anchor", Map.of(), "file", "customerCA.crt", content);
        assertThat(response.statusCode()).isEqualTo(302);
        return response;
    }

    private byte[] customerCa(String clusterId) {
        return SandboxCustomerCa.of(port, clusterId);
    }

    /** Steps 1 to 4 with the free cluster; returns the redirect of the password step. */
    private HttpResponse<String> upToReview(String wizard, String name, String password) throws Exception {
        return upToReview(wizard, name, FREE, password);
    }

    /** Steps 1 to 4 with a cluster; returns the redirect of the password step. */
    private HttpResponse<String> upToReview(String wizard, String name, String cluster, String password)
            throws Exception {
        post(wizard + "/name", CreationRules.NAME, name);
        console.get(wizard + "/cluster");
        post(wizard + "/cluster", CreationRules.CLUSTER_ID, cluster);
        assertThat(location(upload(wizard, customerCa(cluster)))).endsWith("/password");
        console.get(wizard + "/password");
        return post(wizard + "/password", CreationRules.PASSWORD, password);
    }

    private HttpResponse<String> create(String wizard) {
        var review = console.get(wizard + "/review");
        assertThat(review.statusCode()).isEqualTo(200);
        var token = TOKEN.matcher(review.body());
        assertThat(token.find()).isTrue();
        return console.postForm(wizard + "/create", Map.of("formToken", token.group(1)));
    }

    private List<CustomKeyStoresListEntry> named(String name) {
        return kms.describeCustomKeyStores(r -> r.limit(100))
            .customKeyStores()
            .stream()
            .filter(store -> name.equals(store.customKeyStoreName()))
            .toList();
    }

    private static String newName() {
        return "hsm-created-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theHappyPathCreatesTheStoreOnTheClusterAuditsItWithoutThePasswordAndOffersToConnectIt() throws Exception {
        String name = newName();
        String wizard = start();
        assertThat(location(upToReview(wizard, name, FREE_PASSWORD))).endsWith("/review");
        var review = console.get(wizard + "/review");
        assertThat(review.body()).contains(name)
            .contains(FREE)
            .contains("<dt>kmsuser password</dt><dd>set</dd>")
            .doesNotContain(FREE_PASSWORD);

        var created = create(wizard);

        var store = named(name);
        assertThat(store).singleElement().satisfies(entry -> {
            assertThat(entry.customKeyStoreTypeAsString()).isEqualTo("AWS_CLOUDHSM");
            assertThat(entry.cloudHsmClusterId()).isEqualTo(FREE);
            assertThat(entry.connectionStateAsString()).isEqualTo("DISCONNECTED");
        });
        String id = store.get(0).customKeyStoreId();
        assertThat(location(created)).isEqualTo("/t/default/key-stores/" + id);
        assertThat(follow(created).body()).contains("Connect now");
        var parameters = jdbc
            .sql("select parameters from audit_event where action = 'CREATE_CUSTOM_KEY_STORE' "
                    + "and target_store_name = ?")
            .param(name)
            .query(String.class)
            .list();
        assertThat(parameters).isNotEmpty()
            .allSatisfy(p -> assertThat(String.valueOf(p)).doesNotContain(FREE_PASSWORD));
    }

    @Test
    void theClusterStepShowsUnusableClustersWithTheirReasonsAndRefusesThem() {
        String wizard = start();
        post(wizard + "/name", CreationRules.NAME, newName());
        var page = console.get(wizard + "/cluster");
        assertThat(page.body()).contains("value=\"" + FREE + "\"")
            .contains("cluster-jxhlf7644ne")
            .doesNotContain("value=\"cluster-jxhlf7644ne\"")
            .contains("finance-hsm-primary")
            .contains("cluster-creatinghsm3")
            .contains("not ACTIVE");

        var refused = post(wizard + "/cluster", CreationRules.CLUSTER_ID, "cluster-jxhlf7644ne");
        assertThat(location(refused)).endsWith("/cluster");
        assertThat(follow(refused).body()).contains("already backs the custom key store finance-hsm-primary");
        assertThat(console.get(wizard + "/trust-anchor").statusCode()).isEqualTo(302);
    }

    @Test
    void anotherFamilysTrustAnchorIsBlockedWithTheReasonAtTheField() throws Exception {
        String wizard = start();
        post(wizard + "/name", CreationRules.NAME, newName());
        post(wizard + "/cluster", CreationRules.CLUSTER_ID, FREE);

        var blocked = upload(wizard, customerCa("cluster-jxhlf7644ne"));

        assertThat(location(blocked)).endsWith("/trust-anchor");
        assertThat(follow(blocked).body()).contains("id=\"file-error\"").contains("another cluster");
        var notPem = upload(wizard, "not a certificate".getBytes(StandardCharsets.US_ASCII));
        assertThat(follow(notPem).body()).contains("not a PEM certificate");
        var tooLarge = upload(wizard, new byte[KmsConstraints.TRUST_ANCHOR_CERTIFICATE_MAX + 1]);
        assertThat(follow(tooLarge).body()).contains("larger than");
        assertThat(console.get(wizard + "/password").statusCode()).isEqualTo(302);
    }

    @Test
    void thePasswordTakes7To32CharactersAndIsNeverRenderedBack() throws Exception {
        String wizard = start();
        post(wizard + "/name", CreationRules.NAME, newName());
        post(wizard + "/cluster", CreationRules.CLUSTER_ID, FREE);
        upload(wizard, customerCa(FREE));
        String six = "p".repeat(KmsConstraints.KEY_STORE_PASSWORD_MIN - 1);
        String thirtyThree = "q".repeat(KmsConstraints.KEY_STORE_PASSWORD_MAX + 1);

        for (String refused : List.of(six, thirtyThree)) {
            var back = post(wizard + "/password", CreationRules.PASSWORD, refused);
            assertThat(location(back)).endsWith("/password");
            assertThat(follow(back).body()).contains("The password must be 7 to 32 characters long.")
                .contains("never shown again: enter it again")
                .doesNotContain(refused);
        }
        for (String taken : List.of("r".repeat(KmsConstraints.KEY_STORE_PASSWORD_MIN),
                "s".repeat(KmsConstraints.KEY_STORE_PASSWORD_MAX))) {
            assertThat(location(post(wizard + "/password", CreationRules.PASSWORD, taken))).endsWith("/review");
            assertThat(console.get(wizard + "/review").body()).doesNotContain(taken);
        }
    }

    @Test
    void aClusterTakenBeforeTheCreateIsCaughtBeforeSendingAndSendsTheUserBackToTheClusterStep() throws Exception {
        String name = newName();
        String wizard = start();
        upToReview(wizard, name, FREE_PASSWORD);
        console.get(wizard + "/review");
        String pem = new String(customerCa(FREE), StandardCharsets.US_ASCII);
        kms.createCustomKeyStore(r -> r.customKeyStoreName(newName())
            .cloudHsmClusterId(FREE)
            .trustAnchorCertificate(pem)
            .keyStorePassword(FREE_PASSWORD));
        context.getBean(KeyStoreReads.class).forgetSnapshot();

        var refused = create(wizard);

        assertThat(location(refused)).endsWith("/cluster");
        assertThat(follow(refused).body()).contains("field--error").contains("already uses this cluster");
        assertThat(named(name)).isEmpty();
    }

    @Test
    void aRefusalOnlyKmsCanMakeGoesBackToTheClusterStepWithTheReasonAndKeepsTheOtherSteps() throws Exception {
        // The cluster's security group blocks 2223-2225: DescribeClusters cannot show
        // that, so the console's checks pass and KMS refuses.
        String name = newName();
        String wizard = start();
        upToReview(wizard, name, CLOSED_SECURITY_GROUP, "ClosedSg2026");
        assertThat(console.get(wizard + "/review").body()).doesNotContain("id=\"rule-problems\"");

        var refused = create(wizard);

        assertThat(location(refused)).endsWith("/cluster");
        var page = follow(refused).body();
        assertThat(page).contains("field--error")
            .contains("KMS refused the cluster&#39;s configuration")
            .contains("2223-2225")
            .containsPattern("value=\"" + CLOSED_SECURITY_GROUP + "\"\\s+aria-describedby=\"[^\"]+\" checked");
        assertThat(console.get(wizard + "/name").body()).contains("value=\"" + name + "\"");
        assertThat(console.get(wizard + "/trust-anchor").body()).contains("id=\"anchor-held\"");
        assertThat(named(name)).isEmpty();
        assertThat(jdbc
            .sql("select count(*) from audit_event where action = 'CREATE_CUSTOM_KEY_STORE' and target_store_name = ? "
                    + "and error_name = 'CloudHsmClusterInvalidConfigurationException'")
            .param(name)
            .query(Long.class)
            .single()).isPositive();
    }

    @Test
    void aDoubleSubmitCreatesOneStore() throws Exception {
        String name = newName();
        String wizard = start();
        upToReview(wizard, name, FREE_PASSWORD);
        var review = console.get(wizard + "/review");
        var token = TOKEN.matcher(review.body());
        assertThat(token.find()).isTrue();

        var first = console.postForm(wizard + "/create", Map.of("formToken", token.group(1)));
        assertThat(follow(first).body()).contains("created");
        var second = console.postForm(wizard + "/create", Map.of("formToken", token.group(1)));

        assertThat(named(name)).hasSize(1);
        assertThat(location(second)).isEqualTo(location(first));
        assertThat(follow(second).body()).contains("already sent");
    }

}
