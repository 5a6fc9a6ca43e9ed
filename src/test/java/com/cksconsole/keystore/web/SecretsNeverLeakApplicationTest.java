package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * The KeyStorePassword and RawSecretAccessKey an operator types appear in no page and no
 * log line, through accepted, invalid, state-refused and KMS-refused changes, with the
 * console's and the SDK's logging at DEBUG.
 */
@ConsoleApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeakApplicationTest {

    private static final String[] VERBOSE = { "com.cksconsole", "software.amazon.awssdk" };

    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    LoggingSystem logging;

    private SeededKeyStores sandbox;

    private ConsoleFlows console;

    @BeforeEach
    void signInWithVerboseLogging() {
        for (String logger : VERBOSE) {
            logging.setLogLevel(logger, LogLevel.DEBUG);
        }
        sandbox = SeededKeyStores.of(context);
        console = new ConsoleFlows(ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD));
    }

    @AfterEach
    void restore() {
        for (String logger : VERBOSE) {
            logging.setLogLevel(logger, null);
        }
        sandbox.restorePublicXks();
        sandbox.restorePaymentsHsm();
    }

    @Test
    void anXksSecretAccessKeyIsNeitherRenderedNorLogged(CapturedOutput output) {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        String refusedByKms = randomSecret();
        String invalid = "Typed+But+Too+Short=";

        console.post(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.PATH, "not-a-path", XksUpdateForm.SECRET,
                refusedByKms);
        console.post(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.SECRET, invalid);
        console.applyRefused(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.ACCESS_KEY_ID, "SANDBOXUNKNOWNKEYID234",
                XksUpdateForm.SECRET, refusedByKms);
        console.apply(SeededKeyStores.PUBLIC_XKS, "xks", "", XksUpdateForm.PATH, "/tenant-b/kms/xks/v1",
                XksUpdateForm.ACCESS_KEY_ID, SeededKeyStores.TENANT_B_KEY, XksUpdateForm.SECRET,
                SeededKeyStores.TENANT_B_SECRET);

        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).xksProxyConfiguration().accessKeyId())
            .as("the accepted change really reached KMS")
            .isEqualTo(SeededKeyStores.TENANT_B_KEY);
        assertNowhere(output, refusedByKms, invalid, SeededKeyStores.TENANT_B_SECRET);
    }

    @Test
    void aKeyStorePasswordIsNeitherRenderedNorLogged(CapturedOutput output) {
        sandbox.ensureDisconnected(SeededKeyStores.PAYMENTS_HSM);
        sandbox.ensureConnected(SeededKeyStores.FINANCE_HSM);
        String accepted = "Accepted" + HexFormat.of().formatHex(randomBytes(6));
        String refusedByState = "Refused" + HexFormat.of().formatHex(randomBytes(6));
        String tooShort = "Short1";

        console.post(SeededKeyStores.FINANCE_HSM, "cloudhsm", CloudHsmUpdateForm.PASSWORD, refusedByState);
        console.post(SeededKeyStores.PAYMENTS_HSM, "cloudhsm", CloudHsmUpdateForm.PASSWORD, tooShort);
        console.apply(SeededKeyStores.PAYMENTS_HSM, "cloudhsm", "rotate kmsuser", CloudHsmUpdateForm.PASSWORD,
                accepted);

        assertNowhere(output, accepted, refusedByState, tooShort);
    }

    private void assertNowhere(CapturedOutput output, String... secrets) {
        assertThat(console.pages()).as("pages seen").hasSizeGreaterThan(5);
        assertThat(output.getAll()).as("captured log output").contains("UpdateCustomKeyStore");
        String consoleTables = consoleDatabaseContents();
        assertThat(consoleTables).as("console tables read")
            .contains("audit_event", "approval_request", "approval_decision");
        for (String secret : secrets) {
            assertThat(console.pages()).noneSatisfy(page -> assertThat(page).contains(secret));
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(consoleTables).as("the console's database").doesNotContain(secret);
        }
    }

    /**
     * Every row of every console table, as text. The sandbox's own tables are left out on
     * purpose: the sandbox plays KMS and must keep what KMS keeps (it checks the proxy's
     * signature with the secret).
     */
    private String consoleDatabaseContents() {
        var jdbc = context.getBean(JdbcClient.class);
        var tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'PUBLIC'")
            .query(String.class)
            .list()
            .stream()
            .filter(table -> !table.toLowerCase(Locale.ROOT).startsWith("sandbox"))
            .toList();
        var all = new StringBuilder();
        for (String table : tables) {
            all.append(table.toLowerCase(Locale.ROOT)).append('\n');
            jdbc.sql("select * from \"" + table + "\"").query(rs -> {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    all.append(rs.getString(i)).append('|');
                }
                all.append('\n');
            });
        }
        return all.toString();
    }

    private static String randomSecret() {
        return Base64.getEncoder().encodeToString(randomBytes(33));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

}
