package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.ConsoleProcess;
import com.cksconsole.support.LoadBalancedConsoles;
import com.cksconsole.session.SessionVault;

/**
 * Two console instances on one PostgreSQL database behind a real HAProxy (round robin, no
 * stickiness): the main flows walked through the load balancer with requests alternating
 * between the instances, and a guided change that survives the death of the instance
 * running it (docs/production.md, "Several instances behind a load balancer").
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesLoadBalancerTest {

    private static final String PASSWORD = "load-balanced-passphrase-0042";

    private static final String HEADER = LoadBalancedConsoles.INSTANCE_HEADER;

    private static final String STORE = SeededKeyStores.PUBLIC_XKS;

    private static final String PAGE = "/t/default/key-stores/" + STORE;

    private static LoadBalancedConsoles consoles;

    private static ConsoleProcess one;

    private static ConsoleProcess two;

    private static int balancer;

    @BeforeAll
    static void startTwoInstancesBehindHaproxy() throws Exception {
        consoles = LoadBalancedConsoles.start(PASSWORD, List.of(
                // A guided change long enough to kill its instance in the middle,
                // and a takeover in seconds.
                "--console.sandbox.disconnect-delay=3s", "--console.sandbox.connect-delay=2s",
                "--console.guided.poll-interval=300ms", "--console.guided.lease=2s",
                "--console.guided.resume-interval=500ms", "--logging.level.root=INFO",
                // Each step sees the previous step's change on either instance at
                // once (with the default 1 s, a form opened within a second of a
                // change on the other instance is refused as "changed since you
                // opened this form": safe, but this test walks faster than a
                // person).
                "--console.kms.snapshot-recheck=0s"));
        one = consoles.one();
        two = consoles.two();
        balancer = consoles.balancer();
    }

    @AfterAll
    static void stopEverything() {
        if (consoles != null) {
            consoles.close();
        }
    }

    @Test
    @Order(1)
    void aSignInHoldsOnBothInstancesAndRequestsAlternate() {
        var console = ConsoleHttpClient.signedIn(balancer, "admin", PASSWORD);
        Set<String> instances = new TreeSet<>();
        for (int i = 0; i < 6; i++) {
            var list = console.get("/key-stores");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("Sign out").contains(STORE);
            instances.add(list.headers().firstValue(HEADER).orElseThrow());
        }
        assertThat(instances).containsExactly("one", "two");
    }

    @Test
    @Order(2)
    void editReviewAndApplyWithEachStepOnTheOtherInstance() {
        var console = new ConsoleFlows(ConsoleHttpClient.signedIn(balancer, "admin", PASSWORD));

        var detail = console.apply(STORE, "xks", "CHG-19 two instances", XksUpdateForm.NAME, "ekm-behind-haproxy");

        assertThat(detail.body()).contains("KMS accepted the change").contains("ekm-behind-haproxy");
        console.apply(STORE, "xks", "CHG-19 back", XksUpdateForm.NAME, "ekm-public-tenant-a");
    }

    @Test
    @Order(3)
    void importReviewAndApplyKeepTheImportedSecretAcrossInstances() {
        var client = ConsoleHttpClient.signedIn(balancer, "admin", PASSWORD);
        var console = new ConsoleFlows(client);
        byte[] file = ("{\"XksProxyUriPath\": \"/tenant-a/kms/xks/v1\","
                + " \"XksProxyAuthenticationCredential\": {\"AccessKeyId\": \"" + SeededKeyStores.TENANT_A_KEY + "\","
                + " \"RawSecretAccessKey\": \"" + SeededKeyStores.TENANT_A_SECRET + "\"}}")
            .getBytes(StandardCharsets.UTF_8);

        var imported = console.importFile(STORE, "edit", "tenant-a.json", file);
        assertThat(imported.statusCode()).isEqualTo(200);
        assertThat(imported.body()).contains("secret access key: <strong>from the uploaded file</strong>")
            .doesNotContain(SeededKeyStores.TENANT_A_SECRET);
        var submitted = console.submitShown(imported.body(), STORE, "xks");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(302);
        String location = submitted.headers().firstValue("Location").orElseThrow();
        String review = location.substring(location.indexOf("/t/default/"));
        var applied = console.confirm(review, "CHG-19 import");

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(302);
        assertThat(console.get(PAGE).body()).contains("KMS accepted the change");
        assertThat(client.cookie(SessionVault.KEY_COOKIE)).as("the browser's half of the key").isPresent();
        assertThat(console.pages())
            .allSatisfy(page -> assertThat(page).doesNotContain(SeededKeyStores.TENANT_A_SECRET));
    }

    @Test
    @Order(4)
    void aGuidedChangeGoesOnWhenTheInstanceRunningItDies() throws Exception {
        var client = ConsoleHttpClient.signedIn(balancer, "admin", PASSWORD);
        var console = new ConsoleFlows(client);
        String review = console.submit(STORE, "xks", XksUpdateForm.ENDPOINT, GuidedChangeApplicationTest.LAB);
        assertThat(console.checkProxy(review, SeededKeyStores.TENANT_A_SECRET).body())
            .as("the pre-flight check with the current secret, recorded with the pending change in the session")
            .contains("Reachable and healthy.");
        var page = console.get(review);
        Map<String, String> fields = new LinkedHashMap<>(HtmlForm.readExact(page.body(), review + "/guided"));
        fields.put("mode", "RECONNECT");
        fields.put("reason", "CHG-19 failover");
        var started = console.postForm(review + "/guided", fields);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        String location = started.headers().firstValue("Location").orElseThrow();
        String run = location.substring(location.indexOf("/t/default/"));
        String runId = run.substring(run.lastIndexOf('/') + 1);

        String owner = Awaitility.await("the run has an instance driving it")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> leaseOwner(runId), value -> value != null);
        var running = owner.equals(one.guidedRunnerId()) ? one : two;
        var survivor = running == one ? two : one;
        running.kill();

        Awaitility.await("the surviving instance finishes the run")
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> client.get(run).body(), body -> body.contains("data-live-run-status>Completed</span>"));
        assertThat(running.alive()).isFalse();
        assertThat(survivor.output())
            .contains("Guided change " + runId + " taken over by runner " + survivor.guidedRunnerId());
        var detail = client.get(PAGE);
        assertThat(detail.body()).contains(GuidedChangeApplicationTest.LAB).contains("CONNECTED");
        assertThat(detail.headers().firstValue(HEADER)).contains(survivor.name());
    }

    @Test
    @Order(5)
    void signingOutEndsTheSessionOnEveryInstance() {
        var client = ConsoleHttpClient.signedIn(balancer, "admin", PASSWORD);
        assertThat(client.get("/key-stores").statusCode()).isEqualTo(200);

        var signedOut = client.postForm("/logout", Map.of());

        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login?signedOut");
        for (int i = 0; i < 4; i++) {
            var after = client.get("/key-stores");
            assertThat(after.statusCode()).isEqualTo(302);
            assertThat(after.headers().firstValue("Location").orElseThrow()).contains("/login");
        }
    }

    // ---- helpers ----

    private static String leaseOwner(String runId) throws Exception {
        try (var connection = DriverManager.getConnection(consoles.database());
                var query = connection.prepareStatement("select lease_owner from guided_change_run where id = ?")) {
            query.setString(1, runId);
            try (var result = query.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

}
