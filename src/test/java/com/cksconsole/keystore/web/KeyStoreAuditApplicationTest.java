package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.keystore.KeyStoreAuditAction;

/**
 * Every UpdateCustomKeyStore attempt through the console lands in the audit log: applied
 * changes with old and new values, the reason and the KMS request ID; secrets only as
 * "replaced" with a fingerprint; refusals before KMS as REJECTED; and the key store page
 * shows the history.
 */
@ConsoleApplicationTest
class KeyStoreAuditApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog auditLog;

    @Autowired
    JdbcClient jdbc;

    private SeededKeyStores sandbox;

    private ConsoleFlows console;

    @BeforeEach
    void signIn() {
        sandbox = SeededKeyStores.of(context);
        console = new ConsoleFlows(ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD));
    }

    @AfterEach
    void restoreSeededStores() {
        sandbox.restorePublicXks();
    }

    private AuditEntry latest(String storeId) {
        return auditLog.changeHistory(storeId, 1).get(0);
    }

    @Test
    void anAppliedRenameIsRecordedWithOldAndNewValueReasonAndRequestId() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        String name = "ekm-audited-" + UUID.randomUUID().toString().substring(0, 8);

        var detail = console.apply(SeededKeyStores.PUBLIC_XKS, "xks", "CHG-4242", XksUpdateForm.NAME, name);

        var entry = latest(SeededKeyStores.PUBLIC_XKS);
        assertThat(entry.event().action()).isEqualTo(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE.name());
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(entry.event().actor()).isEqualTo("admin");
        assertThat(entry.event().reason()).isEqualTo("CHG-4242");
        assertThat(entry.kmsRequestId()).isNotBlank();
        assertThat(entry.event().target().region()).isEqualTo("us-east-1");
        assertThat(entry.event().target().accountId()).isEqualTo("111122223333");
        assertThat(entry.changes()).singleElement().satisfies(change -> {
            assertThat(change.name()).isEqualTo("CustomKeyStoreName");
            assertThat(change.before()).isEqualTo("ekm-public-tenant-a");
            assertThat(change.after()).isEqualTo(name);
        });
        assertThat(detail.body()).contains("Change history").contains("CHG-4242");
    }

    @Test
    void aReplacedSecretIsRecordedOnlyAsAFingerprint() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);

        console.apply(SeededKeyStores.PUBLIC_XKS, "xks", "", XksUpdateForm.PATH, "/tenant-b/kms/xks/v1",
                XksUpdateForm.ACCESS_KEY_ID, SeededKeyStores.TENANT_B_KEY, XksUpdateForm.SECRET,
                SeededKeyStores.TENANT_B_SECRET);

        var entry = latest(SeededKeyStores.PUBLIC_XKS);
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(entry.changes()).extracting(AuditParameter::name)
            .contains("XksProxyConfiguration.UriPath", "XksProxyConfiguration.AccessKeyId",
                    "XksProxyAuthenticationCredential.RawSecretAccessKey");
        assertThat(entry.changes()).filteredOn(p -> p.name().endsWith("RawSecretAccessKey"))
            .singleElement()
            .satisfies(secret -> {
                assertThat(secret.kind()).isEqualTo(AuditParameter.Kind.SECRET_REPLACED);
                assertThat(secret.fingerprint()).isNotBlank().doesNotContain(SeededKeyStores.TENANT_B_SECRET);
            });
        String everything = String.join("\n", jdbc.sql("select * from audit_event").query((rs, n) -> {
            var row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(rs.getString(i)).append('|');
            }
            return row.toString();
        }).list());
        assertThat(everything).doesNotContain(SeededKeyStores.TENANT_B_SECRET);
    }

    @Test
    void anEditRefusedBeforeKmsIsRecordedAsRejectedWithoutTheTypedValue() {
        var refused = console.post(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.PATH, "/no-suffix-typed-here");

        assertThat(refused.statusCode()).isEqualTo(200);
        var entry = latest(SeededKeyStores.PUBLIC_XKS);
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.REJECTED);
        assertThat(entry.event().parameters().toString() + entry.errorMessage() + entry.event().reason())
            .doesNotContain("/no-suffix-typed-here");
    }

}
