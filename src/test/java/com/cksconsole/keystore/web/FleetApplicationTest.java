package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;

import com.cksconsole.keystore.KeyStoreAuditAction;
import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.guided.GuidedRunFixtures;
import com.cksconsole.keystore.guided.RunStatus;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.targets.TargetAdministration;
import com.cksconsole.targets.TargetName;

/**
 * The key store pages over every target of the sandbox configuration (the default account
 * with its own keys; production, staging and disaster recovery through their
 * KeyStoreCustodian roles, production's with its external ID), through the real SDK and
 * STS AssumeRole against the sandbox over HTTP.
 */
@ConsoleApplicationTest
class FleetApplicationTest {

    /** In production eu-west-1 and in staging eu-west-1: two different stores. */
    static final String SAME_ID = "cks-1a2b3c4d5e6f70819";

    static final String PROD_EU_HSM = "cks-0e1f2a3b4c5d6e7f8";

    static final KmsTarget PROD_EU = new KmsTarget("444455556666", "eu-west-1");

    static final KmsTarget STAGING_EU = new KmsTarget("555566667777", "eu-west-1");

    static final Duration RUN_TIME = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog auditLog;

    @Autowired
    AuditTrail trail;

    @Autowired
    TargetAdministration administration;

    private ConsoleHttpClient http;

    @BeforeEach
    void signIn() {
        http = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
    }

    @Test
    void theSameStoreIdInTwoTargetsIsTwoStoresThatNeverMix() {
        var production = http.get("/t/prod-eu/key-stores/" + SAME_ID);
        var staging = http.get("/t/staging-eu/key-stores/" + SAME_ID);

        assertThat(production.statusCode()).isEqualTo(200);
        assertThat(production.body()).contains("prod-eu-ekm", "Production (eu-west-1)", "444455556666")
            .doesNotContain("staging-eu-ekm");
        assertThat(staging.statusCode()).isEqualTo(200);
        assertThat(staging.body()).contains("staging-eu-ekm", "Staging (eu-west-1)", "555566667777")
            .doesNotContain("prod-eu-ekm");
    }

    @Test
    void aStoresChangeHistoryLeavesOutTheSameIdInAnotherTarget() {
        String marker = "CHG-staging-only-" + System.nanoTime();
        trail.record(
                AuditIntent
                    .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE,
                            AuditTarget.keyStore(STAGING_EU.region(), STAGING_EU.accountId(), SAME_ID,
                                    "staging-eu-ekm"))
                    .reason(marker)
                    .build(),
                AuditResult.succeeded());

        assertThat(auditLog.changeHistory(new KeyStoreRef(STAGING_EU, SAME_ID), 5))
            .anySatisfy(entry -> assertThat(entry.event().reason()).isEqualTo(marker));
        assertThat(auditLog.changeHistory(new KeyStoreRef(PROD_EU, SAME_ID), 50))
            .noneSatisfy(entry -> assertThat(entry.event().reason()).isEqualTo(marker));
        assertThat(http.get("/t/staging-eu/key-stores/" + SAME_ID).body()).contains(marker);
        assertThat(http.get("/t/prod-eu/key-stores/" + SAME_ID).body()).doesNotContain(marker);
    }

    @Test
    void aGuidedChangeHoldingAStoreInOneTargetDoesNotHoldTheSameIdInAnother() {
        String held = GuidedRunFixtures.heldByAStoppedInstance(context, new KeyStoreRef(STAGING_EU, SAME_ID), "dora");
        try {
            assertThat(http.get("/t/staging-eu/key-stores/" + SAME_ID).body())
                .contains("A guided change is under way on this key store");
            assertThat(http.get("/t/prod-eu/key-stores/" + SAME_ID).body())
                .doesNotContain("A guided change is under way on this key store");
            assertThat(http.get("/t/staging-eu/key-stores/" + SAME_ID + "/runs/" + held).statusCode()).isEqualTo(200);
            assertThat(http.get("/t/prod-eu/key-stores/" + SAME_ID + "/runs/" + held).statusCode())
                .as("a run of the staging store is none of the production store's")
                .isEqualTo(404);
        }
        finally {
            String runPage = "/t/staging-eu/key-stores/" + SAME_ID + "/runs/" + held;
            new ConsoleFlows(http, "staging-eu").postOn(runPage, runPage + "/cancel", Map.of());
            GuidedRunFixtures.expireLease(context, held);
            await().atMost(RUN_TIME)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> GuidedRunFixtures.status(context, held) == RunStatus.CANCELLED);
        }
    }

    @Test
    void aPendingChangeOfAStoreInOneTargetCannotBeAppliedUnderAnother() {
        var staging = new ConsoleFlows(http, "staging-eu");
        String review = staging.submit(SAME_ID, "xks", XksUpdateForm.NAME, "staging-eu-ekm-pending");
        String token = review.substring(review.lastIndexOf('/') + 1);

        var elsewhere = http.get("/t/prod-eu/key-stores/" + SAME_ID + "/review/" + token);

        assertThat(elsewhere.statusCode()).isEqualTo(302);
        assertThat(elsewhere.headers().firstValue("Location").orElseThrow())
            .endsWith("/t/prod-eu/key-stores/" + SAME_ID + "/edit");
        assertThat(http.get(review).statusCode()).as("still pending for its own store").isEqualTo(200);
        staging.postForm(review + "/cancel", Map.of("then", "detail"));
        assertThat(describe(PROD_EU, SAME_ID).customKeyStoreName()).isEqualTo("prod-eu-ekm");
        assertThat(describe(STAGING_EU, SAME_ID).customKeyStoreName()).isEqualTo("staging-eu-ekm");
    }

    @Test
    void theListSpansEveryTargetWithItsAccountRegionAndQuota() {
        var list = http.get("/key-stores?target=all");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
            .contains("Production (eu-west-1)", "Staging (eu-west-1)", "Disaster recovery (us-east-1)", "prod-eu-hsm",
                    "prod-eu-ekm", "staging-eu-ekm", "finance-hsm-primary")
            .contains("href=\"/t/prod-eu/key-stores/" + SAME_ID + "\"",
                    "href=\"/t/staging-eu/key-stores/" + SAME_ID + "\"")
            .doesNotContain("Could not be read");
        assertThat(list.body()).as("production eu-west-1 holds two of its ten").contains("2 of 10");

        var filtered = http.get("/key-stores?account=555566667777&region=eu-west-1");
        assertThat(filtered.body()).contains("staging-eu-ekm").doesNotContain("prod-eu-ekm", "finance-hsm-primary");
        assertThat(http.get("/key-stores?account=999999999999").statusCode()).as("an account of no target")
            .isEqualTo(400);
        assertThat(http.get("/key-stores?region=mars-north-1").statusCode()).isEqualTo(400);
        assertThat(http.get("/key-stores?target=nowhere").statusCode()).isEqualTo(400);
    }

    @Test
    void theListOfOneTargetOffersNoAccountOrRegionFilterAndIgnoresThemInTheQuery() {
        var list = http.get("/t/staging-eu/key-stores");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("staging-eu-ekm")
            .doesNotContain("id=\"filter-account\"", "id=\"filter-region\"", "id=\"filter-target\"");

        var otherAccount = http.get("/t/staging-eu/key-stores?account=444455556666&region=us-east-1&target=prod-eu");
        assertThat(otherAccount.statusCode()).as("the URL names the account and Region").isEqualTo(200);
        assertThat(otherAccount.body()).contains("staging-eu-ekm")
            .doesNotContain("prod-eu-ekm", "No custom key stores yet", "Clear filter");
        assertThat(http.get("/t/staging-eu/key-stores?name=no-such-store").body())
            .as("the name still filters the target's stores")
            .contains("No key store matches the filter")
            .doesNotContain("staging-eu-ekm");
    }

    @Test
    void theChooserOnAPageOfOneTargetShowsThatTargetNotTheSessionsChoice() {
        http.get("/key-stores?target=all");
        String page = http.get("/t/staging-eu/key-stores").body();
        assertThat(page).as("the header names the page's target and the chooser agrees")
            .contains("selected=\"selected\">Staging (eu-west-1) (555566667777, eu-west-1)</option>")
            .doesNotContain("<option value=\"all\" selected=\"selected\">");
        assertThat(http.get("/key-stores").body()).as("the session's choice is unchanged by the visit")
            .contains("<option value=\"all\" selected=\"selected\">", "prod-eu-ekm", "staging-eu-ekm");
    }

    @Test
    void theChosenTargetIsKeptForTheListAndTheOverview() {
        assertThat(http.get("/key-stores?target=staging-eu").body()).contains("staging-eu-ekm")
            .doesNotContain("prod-eu-ekm");
        assertThat(http.get("/key-stores").body()).as("the choice is kept")
            .contains("staging-eu-ekm")
            .doesNotContain("prod-eu-ekm");
        String overview = http.get("/").body();
        assertThat(overview).contains("staging-eu-ekm").doesNotContain("prod-eu-ekm");
        assertThat(overview).as("the header's chooser shows the choice")
            .contains("id=\"target-chooser\"",
                    "selected=\"selected\">Staging (eu-west-1) (555566667777, eu-west-1)</option>");

        assertThat(http.get("/key-stores?target=all").body()).contains("staging-eu-ekm", "prod-eu-ekm");
        assertThat(http.get("/").body()).as("every target, each with its count")
            .contains("staging-eu-ekm", "prod-eu-ekm", "data-overview-part=\"targets\"");
    }

    @Test
    void anUnknownOrDisabledTargetIsNotFound() {
        var unknown = http.get("/t/nowhere/key-stores/" + SAME_ID);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Target not found");
        assertThat(http.get("/t/Not_A_Name/key-stores").statusCode()).isEqualTo(404);

        administration.setEnabled(new TargetName("dr-us"), false, "test");
        try {
            assertThat(http.get("/t/dr-us/key-stores").statusCode()).isEqualTo(404);
            assertThat(http.get("/key-stores?target=all").body()).doesNotContain("Disaster recovery (us-east-1)");
        }
        finally {
            administration.setEnabled(new TargetName("dr-us"), true, "test");
        }
    }

    @Test
    void anOldAddressGoesToTheOneTargetThatHoldsTheStoreOrListsThoseThatDo() {
        var old = http.get("/key-stores/" + SeededKeyStores.FINANCE_HSM + "/edit");
        assertThat(old.statusCode()).isEqualTo(302);
        assertThat(old.headers().firstValue("Location").orElseThrow())
            .endsWith("/t/default/key-stores/" + SeededKeyStores.FINANCE_HSM + "/edit");

        var named = http.get("/key-stores/" + SAME_ID + "?account=555566667777&region=eu-west-1");
        assertThat(named.statusCode()).as(named.body()).isEqualTo(302);
        assertThat(named.headers().firstValue("Location").orElseThrow()).as("the audit log's links name both")
            .endsWith("/t/staging-eu/key-stores/" + SAME_ID);

        var ambiguous = http.get("/key-stores/" + SAME_ID);
        assertThat(ambiguous.statusCode()).isEqualTo(404);
        assertThat(ambiguous.body()).contains("href=\"/t/prod-eu/key-stores/" + SAME_ID + "\"",
                "href=\"/t/staging-eu/key-stores/" + SAME_ID + "\"");
    }

    @Test
    void withOneTargetAnOldAddressRedirectsToIt() {
        List<String> others = List.of("prod-eu", "prod-us", "staging-eu", "staging-us", "dr-eu", "dr-us");
        others.forEach(name -> administration.setEnabled(new TargetName(name), false, "test"));
        try {
            var old = http.get("/key-stores/" + SAME_ID + "/connect?x=1");
            assertThat(old.statusCode()).isEqualTo(302);
            assertThat(old.headers().firstValue("Location").orElseThrow())
                .endsWith("/t/default/key-stores/" + SAME_ID + "/connect?x=1");
        }
        finally {
            others.forEach(name -> administration.setEnabled(new TargetName(name), true, "test"));
        }
    }

    @Test
    void aGuidedChangeInAnotherAccountRunsThroughItsRoleAndIsAuditedWithItsAccountAndRegion() {
        var production = new ConsoleFlows(http, "prod-eu");
        try {
            String review = production.submit(PROD_EU_HSM, "cloudhsm", CloudHsmUpdateForm.NAME, "prod-eu-hsm-renamed");
            assertThat(production.get(review).body()).contains("Production (eu-west-1)", "444455556666");
            String runPage = startGuided(production, review);
            assertThat(runPage).startsWith("/t/prod-eu/key-stores/" + PROD_EU_HSM + "/runs/");
            var finished = await().atMost(RUN_TIME)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> http.get(runPage).body(), body -> !body.contains("data-live-run-url"));

            assertThat(finished).contains("data-live-run-status>Completed</span>");
            var described = describe(PROD_EU, PROD_EU_HSM);
            assertThat(described.customKeyStoreName()).isEqualTo("prod-eu-hsm-renamed");
            assertThat(described.connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
            assertThat(inTarget(auditLog.changeHistory(PROD_EU_HSM, 20), PROD_EU))
                .as("every entry of the run names production's account and Region")
                .isNotEmpty()
                .anySatisfy(entry -> {
                    assertThat(entry.event().action()).isEqualTo(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE.name());
                    assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
                });
        }
        finally {
            rename(PROD_EU, PROD_EU_HSM, "prod-eu-hsm");
        }
    }

    @Test
    void anImportInAnotherAccountIsHeldForThatStoreAndAuditedWithItsAccountAndRegion() {
        var staging = new ConsoleFlows(http, "staging-eu");
        byte[] tenantB = ImportFixtures.bytes(ImportFixtures.TENANT_B);
        try {
            var imported = staging.importFile(SAME_ID, "review", "tenant-b.json", tenantB);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(302);
            String review = imported.headers().firstValue("Location").orElseThrow();
            review = review.substring(review.indexOf("/t/staging-eu/key-stores/"));
            assertThat(inTarget(auditLog.changeHistory(SAME_ID, 5), STAGING_EU))
                .anySatisfy(entry -> assertThat(entry.event().action())
                    .isEqualTo(KeyStoreAuditAction.IMPORT_PROXY_CONFIGURATION.name()));
            assertThat(inTarget(auditLog.changeHistory(SAME_ID, 5), PROD_EU)).as("nothing of it in production")
                .isEmpty();

            var applied = staging.confirm(review, "CHG-staging");
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(302);
            assertThat(describe(STAGING_EU, SAME_ID).xksProxyConfiguration().accessKeyId())
                .isEqualTo(SeededKeyStores.TENANT_B_KEY);
            assertThat(describe(PROD_EU, SAME_ID).customKeyStoreName()).isEqualTo("prod-eu-ekm");
            assertThat(inTarget(auditLog.changeHistory(SAME_ID, 5), STAGING_EU)).anySatisfy(entry -> {
                assertThat(entry.event().action()).isEqualTo(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE.name());
                assertThat(entry.event().reason()).isEqualTo("CHG-staging");
            });
        }
        finally {
            client(STAGING_EU).updateCustomKeyStore(request -> request.customKeyStoreId(SAME_ID)
                .xksProxyUriPath("/tenant-a/kms/xks/v1")
                .xksProxyAuthenticationCredential(credential -> credential.accessKeyId(SeededKeyStores.TENANT_A_KEY)
                    .rawSecretAccessKey(SeededKeyStores.TENANT_A_SECRET)));
            context.getBean(com.cksconsole.keystore.KeyStoreReads.class).forgetSnapshot();
        }
    }

    // ---- helpers ----

    private static List<AuditEntry> inTarget(List<AuditEntry> entries, KmsTarget target) {
        return entries.stream()
            .filter(entry -> target.accountId().equals(entry.event().target().accountId())
                    && target.region().equals(entry.event().target().region()))
            .toList();
    }

    private String startGuided(ConsoleFlows flows, String review) {
        var page = flows.get(review);
        Map<String, String> fields = new LinkedHashMap<>(HtmlForm.readExact(page.body(), review + "/guided"));
        fields.put("mode", "RECONNECT");
        fields.put("reason", "CHG-prod");
        HttpResponse<String> started = http.postForm(review + "/guided", fields);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        String location = started.headers().firstValue("Location").orElseThrow();
        return location.substring(location.indexOf("/t/"));
    }

    /** The console's own client of a target (through its role). */
    private KmsClient client(KmsTarget target) {
        return KeyStoreServices.client(context, target);
    }

    private CustomKeyStoresListEntry describe(KmsTarget target, String id) {
        return client(target).describeCustomKeyStores(request -> request.customKeyStoreId(id)).customKeyStores().get(0);
    }

    /** Puts a seeded CloudHSM store's name back (disconnect, rename, connect). */
    private void rename(KmsTarget target, String id, String name) {
        var kms = client(target);
        if (describe(target, id).customKeyStoreName().equals(name)) {
            return;
        }
        if (describe(target, id).connectionState() != ConnectionStateType.DISCONNECTED) {
            await().atMost(RUN_TIME)
                .until(() -> describe(target, id).connectionState() != ConnectionStateType.CONNECTING
                        && describe(target, id).connectionState() != ConnectionStateType.DISCONNECTING);
            kms.disconnectCustomKeyStore(request -> request.customKeyStoreId(id));
            await().atMost(RUN_TIME)
                .until(() -> describe(target, id).connectionState() == ConnectionStateType.DISCONNECTED);
        }
        kms.updateCustomKeyStore(request -> request.customKeyStoreId(id).newCustomKeyStoreName(name));
        kms.connectCustomKeyStore(request -> request.customKeyStoreId(id));
        await().atMost(RUN_TIME).until(() -> describe(target, id).connectionState() == ConnectionStateType.CONNECTED);
        context.getBean(com.cksconsole.keystore.KeyStoreReads.class).forgetSnapshot();
    }

}
