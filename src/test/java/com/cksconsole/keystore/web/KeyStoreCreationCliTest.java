package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

import tools.jackson.databind.JsonNode;

import com.cksconsole.keystore.CreationRules;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.support.AwsCli;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.SandboxCustomerCa;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * What the console's create wizards and delete page do is what the real AWS CLI sees:
 * each store is created through the console's pages, then described with
 * {@code aws kms describe-custom-key-stores} against the sandbox; the external one is
 * deleted through the console and the CLI no longer finds it.
 */
@ConsoleApplicationTest
class KeyStoreCreationCliTest {

    private static final Pattern STORE_PAGE = Pattern.compile("/t/default/key-stores/(cks-[0-9a-f]{17})$");

    private static final Pattern TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private ConsoleHttpClient console;

    private AwsCli aws;

    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void signIn() {
        aws = AwsCli.against(port);
        console = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
    }

    @AfterEach
    void deleteWhatIsLeft() {
        var kms = KeyStoreServices.defaultClient(context);
        for (String id : created) {
            try {
                kms.deleteCustomKeyStore(r -> r.customKeyStoreId(id));
            }
            catch (software.amazon.awssdk.services.kms.model.CustomKeyStoreNotFoundException alreadyGone) {
                // deleted by the test itself
            }
        }
        context.getBean(KeyStoreReads.class).forgetSnapshot();
    }

    @Test
    void anExternalKeyStoreCreatedInTheConsoleIsDescribedByTheCliAndGoneAfterTheConsoleDeletesIt() {
        String name = "cli-xks-" + UUID.randomUUID().toString().substring(0, 8);
        String wizard = start("xks");
        post(wizard + "/name", CreationRules.NAME, name);
        console.get(wizard + "/connectivity");
        post(wizard + "/connectivity", CreationRules.CONNECTIVITY, "PUBLIC_ENDPOINT");
        console.get(wizard + "/proxy");
        post(wizard + "/proxy", CreationRules.ENDPOINT, XksCreateApplicationTest.ENDPOINT, CreationRules.PATH,
                XksCreateApplicationTest.FREE_PATH, CreationRules.ACCESS_KEY_ID, SeededKeyStores.TENANT_B_KEY,
                CreationRules.SECRET, SeededKeyStores.TENANT_B_SECRET);
        String id = create(wizard);

        var described = aws.run("kms", "describe-custom-key-stores", "--custom-key-store-id", id);

        assertThat(described.exitCode()).as(described.stderr()).isZero();
        assertThat(described.stdout()).doesNotContain(SeededKeyStores.TENANT_B_SECRET);
        JsonNode store = described.json().get("CustomKeyStores").get(0);
        assertThat(store.get("CustomKeyStoreName").asString()).isEqualTo(name);
        assertThat(store.get("CustomKeyStoreType").asString()).isEqualTo("EXTERNAL_KEY_STORE");
        assertThat(store.get("ConnectionState").asString()).isEqualTo("DISCONNECTED");
        JsonNode proxy = store.get("XksProxyConfiguration");
        assertThat(proxy.get("Connectivity").asString()).isEqualTo("PUBLIC_ENDPOINT");
        assertThat(proxy.get("UriEndpoint").asString()).isEqualTo(XksCreateApplicationTest.ENDPOINT);
        assertThat(proxy.get("UriPath").asString()).isEqualTo(XksCreateApplicationTest.FREE_PATH);
        assertThat(proxy.get("AccessKeyId").asString()).isEqualTo(SeededKeyStores.TENANT_B_KEY);

        String page = "/t/default/key-stores/" + id;
        var fields = new LinkedHashMap<>(HtmlForm.readExact(console.get(page + "/delete").body(), page + "/delete"));
        fields.put("confirmName", name);
        assertThat(console.postForm(page + "/delete", fields).statusCode()).isEqualTo(302);

        var gone = aws.run("kms", "describe-custom-key-stores", "--custom-key-store-id", id);
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.stderr()).contains("CustomKeyStoreNotFoundException");
    }

    @Test
    void aCloudHsmKeyStoreCreatedInTheConsoleIsDescribedByTheCliWithItsClusterAndTrustAnchor() throws Exception {
        String name = "cli-hsm-" + UUID.randomUUID().toString().substring(0, 8);
        var clusters = aws.run("cloudhsmv2", "describe-clusters", "--filters",
                "clusterIds=" + CloudHsmCreateApplicationTest.FREE);
        assertThat(clusters.exitCode()).as(clusters.stderr()).isZero();
        assertThat(clusters.json().get("Clusters").get(0).get("State").asString()).isEqualTo("ACTIVE");
        byte[] customerCa = customerCa(CloudHsmCreateApplicationTest.FREE);
        String wizard = start("cloudhsm");
        post(wizard + "/name", CreationRules.NAME, name);
        console.get(wizard + "/cluster");
        post(wizard + "/cluster", CreationRules.CLUSTER_ID, CloudHsmCreateApplicationTest.FREE);
        console.get(wizard + "/trust-anchor");
        assertThat(console.postMultipart(wizard + "/trust-anchor", Map.of(), "file", "customerCA.crt", customerCa)
            .statusCode()).isEqualTo(302);
        console.get(wizard + "/password");
        post(wizard + "/password", CreationRules.PASSWORD, CloudHsmCreateApplicationTest.FREE_PASSWORD);
        String id = create(wizard);

        var described = aws.run("kms", "describe-custom-key-stores", "--custom-key-store-name", name);

        assertThat(described.exitCode()).as(described.stderr()).isZero();
        assertThat(described.stdout()).doesNotContain(CloudHsmCreateApplicationTest.FREE_PASSWORD);
        JsonNode store = described.json().get("CustomKeyStores").get(0);
        assertThat(store.get("CustomKeyStoreId").asString()).isEqualTo(id);
        assertThat(store.get("CustomKeyStoreType").asString()).isEqualTo("AWS_CLOUDHSM");
        assertThat(store.get("ConnectionState").asString()).isEqualTo("DISCONNECTED");
        assertThat(store.get("CloudHsmClusterId").asString()).isEqualTo(CloudHsmCreateApplicationTest.FREE);
        assertThat(store.get("TrustAnchorCertificate").asString().strip())
            .isEqualTo(new String(customerCa, StandardCharsets.US_ASCII).strip());
    }

    private String start(String kind) {
        String base = "/t/default/key-stores/new/" + kind;
        var started = console.get(base);
        assertThat(started.statusCode()).isEqualTo(302);
        String wizard = location(started).replaceFirst("/name$", "");
        assertThat(console.get(wizard + "/name").statusCode()).isEqualTo(200);
        return wizard;
    }

    /** The review's create button; returns the new store's ID from the redirect. */
    private String create(String wizard) {
        var review = console.get(wizard + "/review");
        var token = TOKEN.matcher(review.body());
        assertThat(token.find()).as("the review page's form token").isTrue();
        var done = console.postForm(wizard + "/create", Map.of("formToken", token.group(1)));
        var page = STORE_PAGE.matcher(location(done));
        assertThat(page.find()).as(location(done)).isTrue();
        created.add(page.group(1));
        return page.group(1);
    }

    private void post(String path, String... fields) {
        var form = new LinkedHashMap<String, String>();
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        assertThat(console.postForm(path, form).statusCode()).as(path).isEqualTo(302);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }

    private byte[] customerCa(String clusterId) {
        return SandboxCustomerCa.of(port, clusterId);
    }

}
