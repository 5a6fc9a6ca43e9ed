package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * The external key store wizard end to end: the console's pages over HTTP, KMS through
 * the real AWS SDK against the sandbox (which serves CreateCustomKeyStore and its XKS
 * proxy). Every store a test creates is deleted after it.
 */
@ConsoleApplicationTest
class XksCreateApplicationTest {

    static final String ENDPOINT = "https://xks-public.sandbox.example.com";

    static final String FREE_PATH = "/tenant-b/kms/xks/v1";

    static final String LAB_KEY = "SANDBOXLABKEYIDZZ23456";

    static final String LAB_SECRET = "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=";

    static final String BASE = "/t/default/key-stores/new/xks";

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
            if (!seeded.contains(store.customKeyStoreId()) && store.customKeyStoreName().startsWith("ekm-created-")) {
                kms.deleteCustomKeyStore(r -> r.customKeyStoreId(store.customKeyStoreId()));
            }
        }
        context.getBean(KeyStoreReads.class).forgetSnapshot();
    }

    /**
     * Starts a wizard; returns its base URL
     * ({@code /t/default/key-stores/new/xks/{draft}}).
     */
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

    /** Posts a step and reads the page it redirects to. */
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

    /**
     * Steps 1 to 3 (the pre-flight runs when step 3 is sent); returns the pre-flight
     * page.
     */
    private HttpResponse<String> upToPreflight(String wizard, String name, String path, String keyId, String secret) {
        post(wizard + "/name", CreationRules.NAME, name);
        console.get(wizard + "/connectivity");
        post(wizard + "/connectivity", CreationRules.CONNECTIVITY, "PUBLIC_ENDPOINT");
        console.get(wizard + "/proxy");
        return follow(post(wizard + "/proxy", CreationRules.ENDPOINT, ENDPOINT, CreationRules.PATH, path,
                CreationRules.ACCESS_KEY_ID, keyId, CreationRules.SECRET, secret));
    }

    private HttpResponse<String> create(String wizard, String overrideReason) {
        var review = console.get(wizard + "/review");
        assertThat(review.statusCode()).isEqualTo(200);
        var token = TOKEN.matcher(review.body());
        assertThat(token.find()).isTrue();
        return console.postForm(wizard + "/create",
                Map.of("formToken", token.group(1), "overrideReason", overrideReason));
    }

    private List<CustomKeyStoresListEntry> named(String name) {
        return kms.describeCustomKeyStores(r -> r.limit(100))
            .customKeyStores()
            .stream()
            .filter(store -> name.equals(store.customKeyStoreName()))
            .toList();
    }

    private static String newName() {
        return "ekm-created-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theHappyPathCreatesTheStoreAuditsItWithoutTheSecretAndOffersToConnectIt() {
        String name = newName();
        String wizard = start();
        var preflight = upToPreflight(wizard, name, FREE_PATH, SeededKeyStores.TENANT_B_KEY,
                SeededKeyStores.TENANT_B_SECRET);
        assertThat(preflight.body()).contains("Reachable and healthy.")
            .containsPattern("<span>\\d+</span> ms of KMS's\\s+<span>250</span> ms budget")
            .contains("<dt>Proxy fleet size</dt>")
            .contains("badge--connected\">ACTIVE</span>")
            .contains("Every rule of")
            .doesNotContain(SeededKeyStores.TENANT_B_SECRET);
        var review = console.get(wizard + "/review");
        assertThat(review.body()).contains(name)
            .contains(ENDPOINT)
            .contains(FREE_PATH)
            .contains(SeededKeyStores.TENANT_B_KEY)
            .contains("<dt>Secret access key</dt><dd>set")
            .doesNotContain(SeededKeyStores.TENANT_B_SECRET);

        var created = create(wizard, "");

        assertThat(created.statusCode()).isEqualTo(302);
        var store = named(name);
        assertThat(store).singleElement().satisfies(entry -> {
            assertThat(entry.customKeyStoreTypeAsString()).isEqualTo("EXTERNAL_KEY_STORE");
            assertThat(entry.connectionStateAsString()).isEqualTo("DISCONNECTED");
            assertThat(entry.xksProxyConfiguration().connectivityAsString()).isEqualTo("PUBLIC_ENDPOINT");
            assertThat(entry.xksProxyConfiguration().uriEndpoint()).isEqualTo(ENDPOINT);
            assertThat(entry.xksProxyConfiguration().uriPath()).isEqualTo(FREE_PATH);
            assertThat(entry.xksProxyConfiguration().accessKeyId()).isEqualTo(SeededKeyStores.TENANT_B_KEY);
        });
        String id = store.get(0).customKeyStoreId();
        assertThat(location(created)).isEqualTo("/t/default/key-stores/" + id);
        var detail = follow(created);
        assertThat(detail.body()).contains("Connect now").contains("/t/default/key-stores/" + id + "/connect");
        // The create's intent cannot name the store (KMS issues the ID); its outcome
        // does,
        // so the new store's history lists its creation.
        String history = detail.body().substring(detail.body().indexOf("id=\"store-history-title\""));
        assertThat(history).doesNotContain("No change of this key store has been recorded")
            .contains("CreateCustomKeyStore");
        assertThat(console.get("/t/default/key-stores").body()).contains(name);

        var rows = jdbc.sql("select kind, outcome, target_account, target_region, target_store_name, parameters, "
                + "kms_request_id from audit_event where action = 'CREATE_CUSTOM_KEY_STORE' and target_store_name = ?")
            .param(name)
            .query((rs, n) -> Map.of("kind", rs.getString(1), "outcome", String.valueOf(rs.getString(2)), "account",
                    rs.getString(3), "region", rs.getString(4), "parameters", rs.getString(6), "request",
                    String.valueOf(rs.getString(7))))
            .list();
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("account")).isEqualTo("111122223333");
            assertThat(row.get("region")).isEqualTo("us-east-1");
            assertThat(row.get("parameters")).doesNotContain(SeededKeyStores.TENANT_B_SECRET);
        });
        assertThat(rows).extracting(row -> row.get("outcome")).contains("SUCCEEDED");
        assertThat(rows.toString()).contains("XksProxyAuthenticationCredential.RawSecretAccessKey");
    }

    @Test
    void theNameStepRefusesANameInUseAndKeepsTheInput() {
        String wizard = start();
        var back = follow(post(wizard + "/name", CreationRules.NAME, "ekm-public-tenant-a"));
        assertThat(back.body()).contains("already has this name").contains("value=\"ekm-public-tenant-a\"");
    }

    @Test
    void theNameStepRefusesAName257CharactersLongAndTakes256() {
        String wizard = start();
        var tooLong = follow(post(wizard + "/name", CreationRules.NAME,
                "n".repeat(com.cksconsole.kms.KmsConstraints.CUSTOM_KEY_STORE_NAME_MAX + 1)));
        assertThat(tooLong.body()).contains("The name must be 1 to 256 characters long.");
        var ok = post(wizard + "/name", CreationRules.NAME,
                "n".repeat(com.cksconsole.kms.KmsConstraints.CUSTOM_KEY_STORE_NAME_MAX));
        assertThat(location(ok)).endsWith("/connectivity");
    }

    @Test
    void anEndpointAndPathInUseIsAPreflightProblemOfTheProxyStep() {
        String wizard = start();
        var preflight = upToPreflight(wizard, newName(), "/tenant-a/kms/xks/v1", SeededKeyStores.TENANT_A_KEY,
                SeededKeyStores.TENANT_A_SECRET);
        assertThat(preflight.body()).contains("KMS would refuse this key store")
            .contains("already uses this endpoint with this path")
            .contains("Change it in step 3")
            .doesNotContain("Next: review");
    }

    @Test
    void aVpcStoreReusingAnotherVpcStoresPrivateDnsNameIsAPreflightProblem() {
        String wizard = start();
        post(wizard + "/name", CreationRules.NAME, newName());
        post(wizard + "/connectivity", CreationRules.CONNECTIVITY, "VPC_ENDPOINT_SERVICE", CreationRules.SERVICE_NAME,
                "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60799");
        var preflight = follow(post(wizard + "/proxy", CreationRules.ENDPOINT,
                "https://xks-private.sandbox.example.com", CreationRules.PATH, "/other/kms/xks/v1",
                CreationRules.ACCESS_KEY_ID, LAB_KEY, CreationRules.SECRET, LAB_SECRET));
        assertThat(preflight.body()).contains("needs a private DNS name no other external key store uses");
    }

    @Test
    void aWrongCredentialFailsThePreflightAndBlocksUntilAnOperatorGivesAReasonWhichIsAudited() {
        String name = newName();
        String wizard = start();
        var preflight = upToPreflight(wizard, name, FREE_PATH, LAB_KEY, LAB_SECRET);
        assertThat(preflight.body()).contains("rejected the credential (HTTP 401, AuthenticationFailedException)")
            .doesNotContain(LAB_SECRET);

        assertThat(console.get(wizard + "/review").body()).contains("id=\"public-override-warning\"")
            .contains("KMS would refuse these values with XksProxyIncorrectAuthenticationCredentialException");
        var blocked = create(wizard, "");
        assertThat(location(blocked)).endsWith("/review");
        assertThat(follow(blocked).body()).contains("did not pass, so nothing was sent");
        assertThat(named(name)).isEmpty();

        // KMS itself checks the proxy for a public endpoint (as the review warned): the
        // override sends, KMS refuses with the credential error, and the wizard shows it
        // on the proxy step.
        var refused = create(wizard, "CHG-77 proxy credential rotated in the next minute");
        assertThat(location(refused)).endsWith("/proxy");
        assertThat(follow(refused).body()).contains("The proxy rejected the credential");
        assertThat(jdbc
            .sql("select count(*) from audit_event where action = 'XKS_PREFLIGHT_OVERRIDDEN' and "
                    + "target_store_name = ? and reason = ?")
            .param(name)
            .param("CHG-77 proxy credential rotated in the next minute")
            .query(Long.class)
            .single()).isEqualTo(1);
    }

    @Test
    void creatingDespiteAFailedPreflightWithoutAReasonShowsTheErrorOnTheReasonField() {
        String name = newName();
        String wizard = start();
        upToPreflight(wizard, name, FREE_PATH, LAB_KEY, LAB_SECRET);

        var page = follow(create(wizard, "   ")).body();
        assertThat(page).contains("id=\"overrideReason-error\"")
            .containsPattern("(?s)id=\"overrideReason-error\".*did not pass, so nothing was sent");
        // The blank reason is kept as typed and the page's new token sends again.
        assertThat(page).containsPattern("(?s)<textarea[^>]*id=\"overrideReason\"[^>]*>   </textarea>");
        var token = TOKEN.matcher(page);
        assertThat(token.find()).isTrue();
        var again = console.postForm(wizard + "/create", Map.of("formToken", token.group(1), "overrideReason", ""));
        assertThat(location(again)).endsWith("/review");
        assertThat(follow(again).body()).doesNotContain("already sent").contains("id=\"overrideReason-error\"");
        assertThat(named(name)).isEmpty();
    }

    @Test
    void aReasonLongerThanTheMaximumIsRefusedOnItsFieldAndKept() {
        String name = newName();
        String wizard = start();
        upToPreflight(wizard, name, FREE_PATH, LAB_KEY, LAB_SECRET);
        String tooLong = "r".repeat(com.cksconsole.keystore.PreflightClearance.OVERRIDE_REASON_MAX + 1);

        var page = follow(create(wizard, tooLong)).body();
        assertThat(page).contains("id=\"overrideReason-error\"").contains(">" + tooLong + "</textarea>");
        assertThat(named(name)).isEmpty();
    }

    @Test
    void anUnknownVpcEndpointServiceIsAKmsErrorShownOnTheConnectivityStep() {
        String name = newName();
        String wizard = start();
        post(wizard + "/name", CreationRules.NAME, name);
        post(wizard + "/connectivity", CreationRules.CONNECTIVITY, "VPC_ENDPOINT_SERVICE", CreationRules.SERVICE_NAME,
                "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60799");
        post(wizard + "/proxy", CreationRules.ENDPOINT, "https://xks-new-private.sandbox.example.com",
                CreationRules.PATH, "/kms/xks/v1", CreationRules.ACCESS_KEY_ID, LAB_KEY, CreationRules.SECRET,
                LAB_SECRET);
        var refused = create(wizard, "reachable only through the endpoint service");
        assertThat(location(refused)).endsWith("/connectivity");
        assertThat(follow(refused).body()).contains("did not find this VPC endpoint service")
            .contains("value=\"com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60799\"");
        assertThat(named(name)).isEmpty();
    }

    @Test
    void aDoubleSubmitCreatesOneStore() {
        String name = newName();
        String wizard = start();
        upToPreflight(wizard, name, FREE_PATH, SeededKeyStores.TENANT_B_KEY, SeededKeyStores.TENANT_B_SECRET);
        var review = console.get(wizard + "/review");
        var token = TOKEN.matcher(review.body());
        assertThat(token.find()).isTrue();
        var form = Map.of("formToken", token.group(1), "overrideReason", "");

        var first = console.postForm(wizard + "/create", form);
        assertThat(follow(first).body()).contains("created");
        var second = console.postForm(wizard + "/create", form);

        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(second.statusCode()).isEqualTo(302);
        assertThat(location(second)).isEqualTo(location(first));
        assertThat(follow(second).body()).contains("already sent");
        assertThat(named(name)).hasSize(1);
    }

    @Test
    void aSecretIsNeverRenderedBackAndIsSaidToBeHeld() {
        String wizard = start();
        post(wizard + "/name", CreationRules.NAME, newName());
        post(wizard + "/connectivity", CreationRules.CONNECTIVITY, "PUBLIC_ENDPOINT");
        var back = follow(post(wizard + "/proxy", CreationRules.ENDPOINT, "http://not-https", CreationRules.PATH,
                FREE_PATH, CreationRules.ACCESS_KEY_ID, SeededKeyStores.TENANT_B_KEY, CreationRules.SECRET,
                SeededKeyStores.TENANT_B_SECRET));
        assertThat(back.body()).contains("The endpoint must start with https://")
            .contains("value=\"" + FREE_PATH + "\"")
            .contains("enter it again")
            .doesNotContain(SeededKeyStores.TENANT_B_SECRET);
    }

    @Test
    void aTargetAtItsQuotaRefusesTheNameStepAndThePreflight() {
        var administration = context.getBean(com.cksconsole.targets.TargetAdministration.class);
        var registered = administration.get(new com.cksconsole.targets.TargetName("default"));
        var target = registered.target();
        int stores = kms.describeCustomKeyStores(r -> r.limit(100)).customKeyStores().size();
        var full = new com.cksconsole.targets.Target(target.name(), target.label(), target.accountId(), target.region(),
                target.access(), target.profileName(), target.roleArn(), target.externalId(), target.sessionName(),
                target.kmsEndpoint(), stores, target.enabled());
        administration.edit(full, registered.version(), "test");
        try {
            String wizard = start();
            var back = follow(post(wizard + "/name", CreationRules.NAME, newName()));
            assertThat(back.body()).contains("its quota of " + stores)
                .contains("delete one, or ask AWS to raise the quota");
        }
        finally {
            var now = administration.get(new com.cksconsole.targets.TargetName("default"));
            administration.edit(target, now.version(), "test");
        }
    }

    @Test
    void theProxyConfigurationFileFillsTheProxyStepKeepsTheSecretOnTheServerAndIsAudited() throws Exception {
        String name = newName();
        String wizard = start();
        post(wizard + "/name", CreationRules.NAME, name);
        post(wizard + "/connectivity", CreationRules.CONNECTIVITY, "PUBLIC_ENDPOINT");
        console.get(wizard + "/proxy");
        byte[] file = java.nio.file.Files.readAllBytes(java.nio.file.Path
            .of(XksCreateApplicationTest.class.getResource("/proxy-config/" + ImportFixtures.TENANT_B).toURI()));
        var imported = console.postMultipart(wizard + "/proxy/import", Map.of(), "file", ImportFixtures.TENANT_B, file);
        var page = follow(imported);
        assertThat(page.body()).contains("imported from")
            .contains("value=\"/tenant-b/kms/xks/v1\"")
            .contains("value=\"" + SeededKeyStores.TENANT_B_KEY + "\"")
            .contains("is set")
            .doesNotContain(SeededKeyStores.TENANT_B_SECRET);
        assertThat(jdbc
            .sql("select count(*) from audit_event where action = 'IMPORT_PROXY_CONFIGURATION' and "
                    + "target_store_name = ? and outcome = 'SUCCEEDED'")
            .param(name)
            .query(Long.class)
            .single()).isEqualTo(1);
    }

}
