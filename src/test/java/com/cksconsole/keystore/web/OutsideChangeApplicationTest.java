package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditFilter;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.keystore.KeyStoreAuditAction;

/**
 * A key store changed outside the console (here: renamed through the real AWS SDK
 * KmsClient against the sandbox, as the AWS CLI would) is recorded once in the audit log
 * after the next page view, with its old and new name, and shows in the store's history
 * and on the overview; the console's own changes never are.
 */
@ConsoleApplicationTest
class OutsideChangeApplicationTest {

    static final String STORE = SeededKeyStores.PAYMENTS_HSM;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog auditLog;

    private SeededKeyStores sandbox;

    private ConsoleFlows console;

    private Instant start;

    @BeforeEach
    void signInAndSettle() {
        sandbox = SeededKeyStores.of(context);
        sandbox.restorePaymentsHsm();
        console = new ConsoleFlows(ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD));
        // Whatever earlier tests changed through the SDK is seen (and recorded) now,
        // before this test starts.
        listView();
        start = Instant.now();
    }

    @AfterEach
    void restore() {
        sandbox.restorePaymentsHsm();
        listView();
    }

    /**
     * The key store list, from a fresh Describe (as it is once the shared snapshot's 3
     * seconds are over).
     */
    private String listView() {
        context.getBean(KeyStoreReads.class).forgetSnapshot();
        var list = console.get("/key-stores");
        assertThat(list.statusCode()).isEqualTo(200);
        return list.body();
    }

    private List<AuditEntry> outsideChangesSinceStart() {
        return auditLog
            .page(new AuditFilter(start, null, null, KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE, STORE, null), null,
                    50)
            .entries();
    }

    @Test
    void aRenameThroughTheSdkIsRecordedOnceWithTheOldAndNewNameAfterTheNextListView() {
        context.getBean(software.amazon.awssdk.services.kms.KmsClient.class)
            .updateCustomKeyStore(r -> r.customKeyStoreId(STORE).newCustomKeyStoreName("payments-renamed-by-cli"));
        assertThat(outsideChangesSinceStart()).as("nothing is known before the console describes again").isEmpty();

        assertThat(listView()).contains(">payments-renamed-by-cli<");
        assertThat(outsideChangesSinceStart()).singleElement().satisfies(entry -> {
            assertThat(entry.changes()).containsExactly(
                    AuditParameter.changed("CustomKeyStoreName", "payments-hsm-dr", "payments-renamed-by-cli"));
            assertThat(entry.event().actor()).as("the console only saw it").isEqualTo("system");
            assertThat(entry.event().target().storeName()).isEqualTo("payments-renamed-by-cli");
        });

        listView();
        assertThat(outsideChangesSinceStart()).as("a second Describe records no duplicate").hasSize(1);

        assertThat(console.get("/key-stores/" + STORE).body()).as("the store's history")
            .contains("Changed outside the console", "Unknown (outside the console)", "payments-hsm-dr",
                    "payments-renamed-by-cli");
        assertThat(console.get("/").body()).as("the overview")
            .contains("payments-renamed-by-cli was changed outside the console",
                    "CustomKeyStoreName payments-hsm-dr → payments-renamed-by-cli",
                    "href=\"/key-stores/" + STORE + "#store-history-title\"");
    }

    @Test
    void aRenameThroughTheConsoleIsNoOutsideChange() {
        var detail = console.apply(STORE, "cloudhsm", "CHG-4848", CloudHsmUpdateForm.NAME,
                "payments-renamed-by-console");
        assertThat(detail.body()).contains("payments-renamed-by-console");

        assertThat(listView()).contains(">payments-renamed-by-console<");
        listView();
        assertThat(outsideChangesSinceStart()).isEmpty();
        assertThat(console.get("/").body()).as("the overview lists no such change")
            .doesNotContain("→ payments-renamed-by-console");
    }

    @Test
    void connectAndDisconnectEntriesNameTheStoreBesideItsId() {
        String detail = "/key-stores/" + STORE;
        console.get(detail + "/connect");
        assertThat(console.postOn(detail + "/connect", detail + "/connect", Map.of()).statusCode()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> sandbox.describe(STORE).connectionState() == ConnectionStateType.CONNECTED);

        assertThat(auditLog
            .page(new AuditFilter(start, null, null, KeyStoreAuditAction.CONNECT_CUSTOM_KEY_STORE, STORE, null), null,
                    5)
            .entries()).singleElement()
            .satisfies(entry -> assertThat(entry.event().target().storeName()).isEqualTo("payments-hsm-dr"));
        assertThat(outsideChangesSinceStart()).as("a connection state moving is no outside change").isEmpty();
    }

}
