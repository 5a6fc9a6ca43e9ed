package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import software.amazon.awssdk.services.kms.model.UpdateCustomKeyStoreRequest;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.StoreLockHolder;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleFaultTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;

/**
 * An {@code active_store_lock} row that a plain edit left behind (its console crashed, or
 * lost its database, in the middle of an apply) is taken over once it is
 * {@link StoreLockHolder#EDIT_TAKEOVER} old, by every path that checks it: the apply over
 * HTTP and the start of a guided change. One second younger, it still blocks. Time is the
 * application's clock, which the test holds still, so the boundary is exact.
 */
@ConsoleFaultTest
class AbandonedEditLockApplicationTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    private SeededKeyStores sandbox;

    private ConsoleFlows console;

    private ConsoleHttpClient http;

    @BeforeEach
    void signIn() {
        clock.setToRealTime();
        sandbox = SeededKeyStores.of(context);
        http = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        console = new ConsoleFlows(http);
    }

    @AfterEach
    void releaseAndRestore() {
        jdbc.sql("delete from active_store_lock where run_id is null").update();
        sandbox.update(UpdateCustomKeyStoreRequest.builder()
            .customKeyStoreId(SeededKeyStores.PUBLIC_XKS)
            .newCustomKeyStoreName("ekm-public-tenant-a"));
    }

    @Test
    void anApplyIsBlockedByAnEditHoldOneSecondShortOfTheTakeoverTimeAndTakesItOverAtThatTime() {
        String name = newName();
        String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.NAME, name);
        leftBehindBy(SeededKeyStores.PUBLIC_XKS, StoreLockHolder.EDIT_TAKEOVER.minus(ONE_SECOND));

        var refused = console.confirm(review, "");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Not started: another change of this key store is under way")
            .contains("crashed-console");
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).customKeyStoreName()).isEqualTo("ekm-public-tenant-a");

        clock.advance(ONE_SECOND);
        var applied = console.confirm(review, "");
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(302);
        assertThat(console.get("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS).body())
            .contains("KMS accepted the change");
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).customKeyStoreName()).isEqualTo(name);
        assertThat(jdbc.sql("select count(*) from active_store_lock where store_id = ?")
            .param(SeededKeyStores.PUBLIC_XKS)
            .query(Integer.class)
            .single()).as("the abandoned hold is gone, and the apply released its own").isZero();
    }

    @Test
    void aGuidedChangeIsBlockedByAYoungerEditHoldAndStartsOnceItIsAbandoned() {
        String review = console.submit(SeededKeyStores.FINANCE_HSM, "cloudhsm", CloudHsmUpdateForm.PASSWORD,
                "Finance2026");
        leftBehindBy(SeededKeyStores.FINANCE_HSM, StoreLockHolder.EDIT_TAKEOVER.minus(ONE_SECOND));

        var refused = startGuided(review);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Not started: another change of this key store is under way");

        clock.advance(ONE_SECOND);
        var started = startGuided(review);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        String runPage = started.headers().firstValue("Location").orElseThrow();
        assertThat(runPage).contains("/runs/");
        // The sandbox's transitions follow the held clock: move it on until the run has
        // reconnected the store.
        String path = runPage.substring(runPage.indexOf("/t/default/key-stores/"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            clock.advance(Duration.ofMillis(200));
            return !console.get(path).body().contains("data-live-run-url");
        });
        assertThat(console.get(path).body()).contains("Completed");
    }

    /** A plain edit's hold, taken {@code age} ago by a console that never released it. */
    private void leftBehindBy(String storeId, Duration age) {
        jdbc.sql("insert into active_store_lock (account_id, region, store_id, run_id, holder, acquired_at) "
                + "values (?, ?, ?, null, ?, ?)")
            .params(TestTargets.SANDBOX.accountId(), TestTargets.SANDBOX.region(), storeId, "crashed-console",
                    clock.instant().minus(age).atOffset(ZoneOffset.UTC))
            .update();
    }

    private HttpResponse<String> startGuided(String review) {
        var page = console.get(review);
        Map<String, String> fields = new LinkedHashMap<>(HtmlForm.readExact(page.body(), review + "/guided"));
        fields.put("mode", "RECONNECT");
        fields.put("reason", "");
        return http.postForm(review + "/guided", fields);
    }

    private static String newName() {
        return "ekm-taken-over-" + UUID.randomUUID().toString().substring(0, 8);
    }

}
