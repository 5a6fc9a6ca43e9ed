package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import software.amazon.awssdk.services.kms.model.UpdateCustomKeyStoreRequest;

import com.cksconsole.audit.AuditLog;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleFaultTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.FaultyDatabase;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.SandboxTraffic;

/**
 * An apply while the console's database fails, over HTTP against the KMS sandbox (which
 * keeps working: it stands for AWS): the page tells the truth about KMS. When the
 * database fails before the audit intent is written, the page says nothing was sent, and
 * KMS received no UpdateCustomKeyStore; when it fails after KMS accepted the update and
 * before its outcome is recorded, the page says KMS accepted it and that the audit entry
 * will be reconciled. The edit lock's release, which fails too, hides neither.
 */
@ConsoleFaultTest
class ApplyDuringDatabaseOutageApplicationTest {

    private static final String[] INTERNALS = { "Exception", "at com.", "at org.", "Whitelabel" };

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    FaultyDatabase database;

    @Autowired
    SandboxTraffic traffic;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog auditLog;

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
    void databaseBackAndStoreRestored() {
        traffic.disarm();
        database.comeBack();
        // The failed release left the edit's hold behind (it would be taken over after
        // five minutes).
        jdbc.sql("delete from active_store_lock where run_id is null").update();
        sandbox.update(UpdateCustomKeyStoreRequest.builder()
            .customKeyStoreId(SeededKeyStores.PUBLIC_XKS)
            .newCustomKeyStoreName("ekm-public-tenant-a"));
    }

    @Test
    void whenTheAuditIntentCannotBeWrittenThePageSaysNothingWasSentAndKmsGotNothing() {
        String name = newName();
        String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.NAME, name);
        int updatesBefore = traffic.calls("UpdateCustomKeyStore");
        // The apply takes its lock and describes the store; then the database goes,
        // before the intent is written.
        traffic.databaseDownAfter("DescribeCustomKeyStores", SeededKeyStores.PUBLIC_XKS);

        var page = console.confirm(review, "CHG-outage");

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body())
            .contains("Nothing was sent to KMS: the console&#39;s database could not record the " + "change first")
            .contains("value=\"" + name + "\"")
            .doesNotContain(INTERNALS);
        assertThat(traffic.calls("UpdateCustomKeyStore")).isEqualTo(updatesBefore);
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).customKeyStoreName()).isEqualTo("ekm-public-tenant-a");
    }

    @Test
    void whenTheDatabaseIsDownBeforeTheApplyThePageSaysNothingWasSent() {
        String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.NAME, newName());
        var fields = new LinkedHashMap<>(HtmlForm.readExact(console.get(review).body(), review));
        int updatesBefore = traffic.calls("UpdateCustomKeyStore");
        database.goDown();

        var page = http.postForm(review, fields);

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("Nothing was sent to KMS").doesNotContain(INTERNALS);
        assertThat(traffic.calls("UpdateCustomKeyStore")).isEqualTo(updatesBefore);
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).customKeyStoreName()).isEqualTo("ekm-public-tenant-a");
    }

    @Test
    void whenKmsAcceptedButTheOutcomeCannotBeRecordedThePageSaysKmsAcceptedIt() {
        String name = newName();
        String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.NAME, name);
        traffic.databaseDownAfter("UpdateCustomKeyStore", SeededKeyStores.PUBLIC_XKS);

        var page = console.confirm(review, "CHG-outage");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
            .contains("KMS accepted the change, but the console&#39;s database failed before the "
                    + "audit log could record that")
            .contains("outcome unknown")
            .contains("reconciled")
            .contains("<td>" + name + "</td>")
            .doesNotContain(INTERNALS);
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).customKeyStoreName()).isEqualTo(name);

        database.comeBack();
        assertThat(auditLog.changeHistory(SeededKeyStores.PUBLIC_XKS, 5))
            .filteredOn(entry -> entry.event().action().equals("UPDATE_CUSTOM_KEY_STORE"))
            .first()
            .satisfies(entry -> {
                assertThat(entry.event().reason()).isEqualTo("CHG-outage");
                assertThat(entry.isPending()).as("outcome unknown, until reconciled").isTrue();
            });
    }

    private static String newName() {
        return "ekm-outage-" + UUID.randomUUID().toString().substring(0, 8);
    }

}
