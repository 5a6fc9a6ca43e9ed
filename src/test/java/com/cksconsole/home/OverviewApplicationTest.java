package com.cksconsole.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.KmsClient;

import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.guided.GuidedRunFixtures;
import com.cksconsole.keystore.guided.RunStatus;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * The overview against the KMS sandbox through the real SDK: the counts are KMS's, the
 * seeded problems are listed.
 */
@ConsoleApplicationTest
class OverviewApplicationTest {

    /** ekm-lab-slow, seeded FAILED with XKS_PROXY_TIMED_OUT; no test changes it. */
    static final String FAILED_XKS = "cks-a4c7e2f9b6d1380f2";

    private static final Pattern STATE_COUNT = Pattern
        .compile("data-state=\"(\\w+)\">\\s*<a href=\"[^\"]+\" class=\"count-list__link\">\\s*"
                + "<span class=\"count-list__number\">(\\d+)</span>");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private ConsoleHttpClient admin;

    @BeforeEach
    void signIn() {
        SeededKeyStores.of(context).restorePaymentsHsm();
        admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        // The overview of the sandbox's default account and Region, chosen in the header.
        assertThat(admin.get("/key-stores?target=default").statusCode()).isEqualTo(200);
    }

    private String overview() {
        context.getBean(KeyStoreReads.class).forgetSnapshot();
        var response = admin.get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void theCountsByConnectionStateAreThoseKmsDescribes() {
        var described = new HashMap<String, Integer>();
        com.cksconsole.keystore.internal.KeyStoreServices.defaultClient(context).describeCustomKeyStoresPaginator(r -> {
        }).customKeyStores().forEach(store -> described.merge(store.connectionStateAsString(), 1, Integer::sum));

        var shown = new HashMap<String, Integer>();
        var matcher = STATE_COUNT.matcher(overview());
        while (matcher.find()) {
            shown.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
        }
        assertThat(shown).containsOnlyKeys("CONNECTED", "CONNECTING", "DISCONNECTING", "DISCONNECTED", "FAILED");
        shown.values().removeIf(count -> count == 0);
        assertThat(shown).isEqualTo(described);
    }

    @Test
    void eachStoreShowsItsKmsKeysOnceTheyAreCountedWithoutThePageWaitingForThem() {
        // The first overview may come before the count (the page never waits for KMS's
        // key listing); the count arrives in the background.
        var financeKeys = Pattern.compile("href=\"/t/default/key-stores/" + SeededKeyStores.FINANCE_HSM
                + "/keys\">(\\d+) \\((\\d+) enabled\\)</a>");
        var counted = org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(20))
            .until(() -> financeKeys.matcher(overview()), java.util.regex.Matcher::find);
        var keys = com.cksconsole.keystore.internal.KeyStoreServices.defaultClient(context);
        long inFinance = keys.listKeysPaginator(r -> {
        })
            .keys()
            .stream()
            .map(key -> keys.describeKey(r -> r.keyId(key.keyId())).keyMetadata())
            .filter(meta -> SeededKeyStores.FINANCE_HSM.equals(meta.customKeyStoreId()))
            .count();
        assertThat(Integer.parseInt(counted.group(1))).isEqualTo((int) inFinance);
        assertThat(Integer.parseInt(counted.group(2))).isLessThanOrEqualTo((int) inFinance);
    }

    @Test
    void aFailedStoreIsListedFirstWithItsFixAndTheWayOut() {
        var page = overview();
        assertThat(page).contains("ekm-lab-slow is FAILED (XKS_PROXY_TIMED_OUT)",
                "Fix: Report the problem to the proxy vendor",
                "<a href=\"/t/default/key-stores/" + FAILED_XKS + "/disconnect\">Disconnect it (the first step)</a>");
        assertThat(page.indexOf("data-reason=\"FAILED\"")).isLessThan(page.indexOf("data-reason=\"DISCONNECTED\""));
    }

    @Test
    void aDisconnectedStoreIsListedWithItsConnectPage() {
        assertThat(overview()).contains("payments-hsm-dr is DISCONNECTED",
                "<a href=\"/t/default/key-stores/" + SeededKeyStores.PAYMENTS_HSM + "/connect\">Connect it</a>");
    }

    @Test
    void anUnfinishedGuidedChangeIsListedWithItsRunPage() {
        SeededKeyStores.of(context).ensureConnected(SeededKeyStores.PUBLIC_XKS);
        String held = GuidedRunFixtures.heldByAStoppedInstance(context, SeededKeyStores.PUBLIC_XKS, "dora");
        String runPage = "/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/runs/" + held;
        try {
            assertThat(overview()).contains("A guided change of ekm-public-tenant-a is under way", "Started by dora",
                    "<a href=\"" + runPage + "\">Follow the guided change</a>");
        }
        finally {
            admin.get(runPage);
            admin.postForm(runPage + "/cancel", Map.of());
            GuidedRunFixtures.expireLease(context, held);
            await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> GuidedRunFixtures.status(context, held) == RunStatus.CANCELLED);
        }
        assertThat(overview()).doesNotContain("A guided change of ekm-public-tenant-a is under way");
    }

    @Test
    void everyStoreIsListedWithItsLastRecordedChange() {
        var page = overview();
        assertThat(page).contains("Key stores and their last change", ">ekm-lab-slow</a>", FAILED_XKS,
                ">payments-hsm-dr</a>", SeededKeyStores.PAYMENTS_HSM);
    }

}
