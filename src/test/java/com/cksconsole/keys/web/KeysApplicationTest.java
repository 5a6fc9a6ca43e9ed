package com.cksconsole.keys.web;

import static com.cksconsole.keys.web.KeyPagesSupport.audited;
import static com.cksconsole.keys.web.KeyPagesSupport.createForm;
import static com.cksconsole.keys.web.KeyPagesSupport.createdKeyId;
import static com.cksconsole.keys.web.KeyPagesSupport.keyPage;
import static com.cksconsole.keys.web.KeyPagesSupport.keysPage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.OriginType;

import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.keys.KeyAuditAction;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * The keys pages over HTTP against the KMS sandbox through the real SDK: the Keys tab
 * (seeded keys, state filter, pages of 25), creating keys in both store types with KMS's
 * refusals next to their field, a double submit, the round-trip test and the state
 * changes with their audit events. Keys a test creates are removed from the sandbox
 * afterwards, so the seeded stores stay as seeded.
 */
@ConsoleApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class KeysApplicationTest {

    /** Seeded in ekm-public-tenant-a on external key tenant-a-aes-1. */
    static final String SEEDED_XKS_KEY = "3a8e6c2f-1d4b-4f97-9c05-7b2e8d6a4f10";

    /** Seeded in finance-hsm-primary, Enabled. */
    static final String SEEDED_HSM_KEY = "5c1f7a3e-2b9d-4e61-8a0f-3d7c9e5b1a42";

    /** Seeded in finance-hsm-primary, Disabled. */
    static final String SEEDED_DISABLED_KEY = "9e2d4b6a-7c1f-4a38-b5e0-6f8a2c4d1e93";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog auditLog;

    private ConsoleHttpClient http;

    private KmsClient kms;

    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void signIn() {
        http = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        kms = KeyStoreServices.defaultClient(context);
    }

    @AfterEach
    void removeCreatedKeys() {
        KeyPagesSupport.removeKeys(context, created);
    }

    private String createThroughConsole(String storeId, String alias, String description, String xksKeyId) {
        var response = http.postForm(keysPage(storeId), createForm(http, storeId, alias, description, xksKeyId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String keyId = createdKeyId(response);
        created.add(keyId);
        return keyId;
    }

    private String createInSandbox(String storeId, String description) {
        String keyId = kms
            .createKey(r -> r.customKeyStoreId(storeId).origin(OriginType.AWS_CLOUDHSM).description(description))
            .keyMetadata()
            .keyId();
        created.add(keyId);
        return keyId;
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theStoreDetailPageLinksToItsKeys() {
        assertThat(http.get("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS).body())
            .contains("href=\"" + keysPage(SeededKeyStores.PUBLIC_XKS) + "\"");
    }

    @Test
    void theKeysTabListsTheSeededKeysWithAliasStateAndExternalKey() {
        var page = http.get(keysPage(SeededKeyStores.PUBLIC_XKS));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-key-id=\"" + SEEDED_XKS_KEY + "\"")
            .contains("alias/tenant-a/orders")
            .contains("Orders of tenant A")
            .contains("tenant-a-aes-1")
            .contains("data-key-state>Enabled<");
        assertThat(page.body()).as("a key of another store").doesNotContain(SEEDED_HSM_KEY);
    }

    @Test
    void theStateFilterShowsOnlyKeysInThatState() {
        var disabled = http.get(keysPage(SeededKeyStores.FINANCE_HSM) + "?state=Disabled").body();
        var enabled = http.get(keysPage(SeededKeyStores.FINANCE_HSM) + "?state=Enabled").body();

        assertThat(disabled).contains(SEEDED_DISABLED_KEY).doesNotContain("data-key-id=\"" + SEEDED_HSM_KEY);
        assertThat(enabled).contains(SEEDED_HSM_KEY).doesNotContain("data-key-id=\"" + SEEDED_DISABLED_KEY);
    }

    @Test
    void aFilterWithoutMatchesSaysSo() {
        var page = http.get(keysPage(SeededKeyStores.PUBLIC_XKS) + "?state=PendingDeletion").body();

        assertThat(page).contains("data-keys-empty").contains("No key of this key store is PendingDeletion.");
    }

    @Test
    void moreThan25KeysArePagedWithPageLinks() {
        // 2 seeded keys + 24 = 26: one more than a page.
        for (int i = 0; i < 24; i++) {
            createInSandbox(SeededKeyStores.FINANCE_HSM, "paging " + i);
        }
        context.getBean(com.cksconsole.keys.KeyInventory.class).forget(KeyPagesSupport.DEFAULT_TARGET);

        var first = http.get(keysPage(SeededKeyStores.FINANCE_HSM)).body();
        var second = http.get(keysPage(SeededKeyStores.FINANCE_HSM) + "?page=2").body();

        assertThat(rows(first)).isEqualTo(25);
        assertThat(rows(second)).isEqualTo(1);
        assertThat(first).contains("data-keys-pages")
            .contains("href=\"" + keysPage(SeededKeyStores.FINANCE_HSM) + "?page=2\"");
        assertThat(second).contains("aria-current=\"page\">2<");
    }

    @Test
    void exactly25KeysFitOnePage() {
        for (int i = 0; i < 23; i++) {
            createInSandbox(SeededKeyStores.FINANCE_HSM, "paging " + i);
        }
        context.getBean(com.cksconsole.keys.KeyInventory.class).forget(KeyPagesSupport.DEFAULT_TARGET);

        var first = http.get(keysPage(SeededKeyStores.FINANCE_HSM)).body();

        assertThat(rows(first)).isEqualTo(25);
        assertThat(first).doesNotContain("data-keys-pages");
    }

    private static int rows(String html) {
        return html.split("data-key-id=\"", -1).length - 1;
    }

    @Test
    void anExternalKeyIsCreatedWithItsAliasAndAudited() {
        String alias = "alias/test-" + unique();

        String keyId = createThroughConsole(SeededKeyStores.PUBLIC_XKS, alias, "created by a test", "tenant-a-aes-2");

        var page = http.get(keyPage(SeededKeyStores.PUBLIC_XKS, keyId)).body();
        assertThat(page).contains(alias)
            .contains("tenant-a-aes-2")
            .contains("EXTERNAL_KEY_STORE")
            .contains("Run the round-trip test");
        var metadata = kms.describeKey(r -> r.keyId(keyId)).keyMetadata();
        assertThat(metadata.customKeyStoreId()).isEqualTo(SeededKeyStores.PUBLIC_XKS);
        assertThat(metadata.xksKeyConfiguration().id()).isEqualTo("tenant-a-aes-2");
        assertThat(audited(auditLog, SeededKeyStores.PUBLIC_XKS, KeyAuditAction.CREATE_KEY)).first()
            .satisfies(entry -> {
                assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
                assertThat(entry.kmsRequestId()).isNotBlank();
                assertThat(entry.event().actor()).isEqualTo("admin");
                assertThat(entry.event().parameters().toString()).contains("tenant-a-aes-2").contains(alias);
            });
    }

    @Test
    void aCloudHsmKeyIsCreatedWithoutAnExternalKeyId() {
        String keyId = createThroughConsole(SeededKeyStores.FINANCE_HSM, "", "hsm key " + unique(), "");

        var metadata = kms.describeKey(r -> r.keyId(keyId)).keyMetadata();
        assertThat(metadata.origin()).isEqualTo(OriginType.AWS_CLOUDHSM);
        assertThat(metadata.customKeyStoreId()).isEqualTo(SeededKeyStores.FINANCE_HSM);
        assertThat(http.get(keysPage(SeededKeyStores.FINANCE_HSM)).body()).contains(keyId);
    }

    private String refused(String storeId, String alias, String xksKeyId) {
        var response = http.postForm(keysPage(storeId), createForm(http, storeId, alias, "refused", xksKeyId));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void anExternalKeyTheKeyManagerDoesNotHaveIsExplainedAtItsFieldWithTheInputKept() {
        String body = refused(SeededKeyStores.PUBLIC_XKS, "", "tenant-a-missing");

        assertThat(body).contains("id=\"xksKeyId-error\"")
            .contains("not found in the external key manager")
            .contains("value=\"tenant-a-missing\"");
    }

    @Test
    void aDisabledExternalKeyIsExplainedAsTheWrongConfiguration() {
        String body = refused(SeededKeyStores.PUBLIC_XKS, "", "tenant-a-disabled");

        assertThat(body).contains("id=\"xksKeyId-error\"").contains("ENABLED in the key manager");
    }

    @Test
    void anExternalKeyOfTheWrongSpecIsExplainedAsTheWrongConfiguration() {
        String body = refused(SeededKeyStores.PUBLIC_XKS, "", "tenant-a-rsa");

        assertThat(body).contains("id=\"xksKeyId-error\"").contains("it must be an AES_256 key");
    }

    @Test
    void anExternalKeyAnotherKmsKeyUsesIsExplained() {
        String body = refused(SeededKeyStores.PUBLIC_XKS, "", "tenant-a-aes-1");

        assertThat(body).contains("id=\"xksKeyId-error\"").contains("Another KMS key in this key store already uses");
    }

    @Test
    void anExternalKeyStoreNeedsAnExternalKeyId() {
        String body = refused(SeededKeyStores.PUBLIC_XKS, "", "");

        assertThat(body).contains("id=\"xksKeyId-error\"").contains("need one");
    }

    @Test
    void anAliasInUseIsExplainedAtItsFieldAndNoKeyIsCreated() {
        long before = kms.listKeysPaginator().keys().stream().count();

        String body = refused(SeededKeyStores.PUBLIC_XKS, "alias/tenant-a/orders", "tenant-a-aes-3");

        assertThat(body).contains("id=\"alias-error\"")
            .contains("This alias already exists")
            .contains("value=\"alias/tenant-a/orders\"")
            .contains("value=\"tenant-a-aes-3\"");
        assertThat(kms.listKeysPaginator().keys().stream().count()).isEqualTo(before);
    }

    @Test
    void aReservedAliasIsRefusedBeforeKms() {
        String body = refused(SeededKeyStores.FINANCE_HSM, "alias/aws/mine", "");

        assertThat(body).contains("id=\"alias-error\"").contains("reserved for AWS managed keys");
    }

    @Test
    void aStoreThatIsNotConnectedIsExplained() {
        String body = refused(SeededKeyStores.PRIVATE_XKS, "", "private-aes-1");

        assertThat(body).contains("KMS creates keys only in a CONNECTED key store").contains("DISCONNECTED");
    }

    @Test
    void aDoubleSubmittedFormCreatesOneKey() {
        String description = "double " + unique();
        Map<String, String> form = createForm(http, SeededKeyStores.FINANCE_HSM, "", description, "");

        var first = http.postForm(keysPage(SeededKeyStores.FINANCE_HSM), form);
        created.add(createdKeyId(first));
        var second = http.postForm(keysPage(SeededKeyStores.FINANCE_HSM), form);

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("This form was already sent");
        long withDescription = kms.listKeysPaginator()
            .keys()
            .stream()
            .filter(k -> description.equals(kms.describeKey(r -> r.keyId(k.keyId())).keyMetadata().description()))
            .count();
        assertThat(withDescription).isEqualTo(1);
    }

    private String roundTrip(String storeId, String keyId) {
        http.get(keyPage(storeId, keyId));
        var response = http.postForm(keyPage(storeId, keyId) + "/round-trip", Map.of());
        assertThat(response.statusCode()).isEqualTo(302);
        return http.get(keyPage(storeId, keyId)).body();
    }

    @Test
    void aRoundTripOfAHealthyExternalKeyMatchesAndShowsLatencies() {
        String body = roundTrip(SeededKeyStores.PUBLIC_XKS, SEEDED_XKS_KEY);

        assertThat(body).contains("data-round-trip=\"match\"").containsPattern("\\d+ ms");
        assertThat(body).as("never the plaintext").doesNotContain("Custom Key Store Console round-trip test");
        assertThat(audited(auditLog, SeededKeyStores.PUBLIC_XKS, KeyAuditAction.KEY_ROUND_TRIP)).first()
            .satisfies(entry -> assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED));
    }

    @Test
    void aRoundTripOfACloudHsmKeyMatches() {
        assertThat(roundTrip(SeededKeyStores.FINANCE_HSM, SEEDED_HSM_KEY)).contains("data-round-trip=\"match\"");
    }

    @Test
    void aRoundTripOfADisabledKeyIsExplained() {
        String body = roundTrip(SeededKeyStores.FINANCE_HSM, SEEDED_DISABLED_KEY);

        assertThat(body).contains("data-round-trip=\"failed\"")
            .contains("DisabledException")
            .contains("The KMS key is disabled");
        assertThat(audited(auditLog, SeededKeyStores.FINANCE_HSM, KeyAuditAction.KEY_ROUND_TRIP)).first()
            .satisfies(entry -> {
                assertThat(entry.outcome()).isEqualTo(AuditOutcome.FAILED);
                assertThat(entry.errorName()).isEqualTo("DisabledException");
            });
    }

    @Test
    void aRoundTripOfAKeyWhoseExternalKeyWasDisabledInTheKeyManagerShowsTheProxysAnswer() {
        String keyId = KeyPagesSupport.externalKeyBehindTheConsolesBack(context, SeededKeyStores.PUBLIC_XKS,
                "tenant-a-disabled");
        created.add(keyId);

        String body = roundTrip(SeededKeyStores.PUBLIC_XKS, keyId);

        assertThat(body).contains("data-round-trip=\"failed\"")
            .contains("Round trip failed at Encrypt")
            .contains("KMSInvalidStateException")
            .contains("is not enabled in the external key manager")
            .contains("The key store is CONNECTED, but the operation failed in the external key store proxy");
        assertThat(audited(auditLog, SeededKeyStores.PUBLIC_XKS, KeyAuditAction.KEY_ROUND_TRIP)).first()
            .satisfies(entry -> {
                assertThat(entry.outcome()).isEqualTo(AuditOutcome.FAILED);
                assertThat(entry.errorName()).isEqualTo("KMSInvalidStateException");
            });
    }

    @Test
    void aRoundTripOfAKeyWhoseExternalKeyWasDeletedInTheKeyManagerShowsTheProxysAnswer() {
        String keyId = KeyPagesSupport.externalKeyBehindTheConsolesBack(context, SeededKeyStores.PUBLIC_XKS,
                "tenant-a-deleted-meanwhile");
        created.add(keyId);

        String body = roundTrip(SeededKeyStores.PUBLIC_XKS, keyId);

        assertThat(body).contains("data-round-trip=\"failed\"")
            .contains("KMSInvalidStateException")
            .contains("was not found in its external key manager");
    }

    @Test
    void aRoundTripWhileTheProxyThrottlesShowsTheProxysAnswerWithTheStoreStillConnected() {
        // The proxy starts throttling behind KMS's back: the store's path now leads to
        // the
        // sandbox proxy's throttling prefix (with that prefix's credential).
        var jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        var before = jdbc
            .sql("select xks_uri_path, xks_access_key_id, xks_raw_secret_access_key from sandbox_kms_custom_key_store "
                    + "where id = ?")
            .param(SeededKeyStores.PUBLIC_XKS)
            .query()
            .singleRow();
        moveProxy(jdbc, "/throttled/kms/xks/v1", "SANDBOXLABKEYIDZZ23456",
                "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=");
        try {
            String body = roundTrip(SeededKeyStores.PUBLIC_XKS, SEEDED_XKS_KEY);

            assertThat(body).contains("data-round-trip=\"failed\"")
                .contains("Round trip failed at Encrypt")
                .contains("KMSInvalidStateException")
                .contains("due to a very high request rate")
                .contains("The key store is CONNECTED, but the operation failed in the external key store proxy");
        }
        finally {
            moveProxy(jdbc, String.valueOf(before.get("xks_uri_path")), String.valueOf(before.get("xks_access_key_id")),
                    String.valueOf(before.get("xks_raw_secret_access_key")));
        }
        assertThat(roundTrip(SeededKeyStores.PUBLIC_XKS, SEEDED_XKS_KEY)).as("the proxy is back")
            .contains("data-round-trip=\"match\"");
    }

    private static void moveProxy(org.springframework.jdbc.core.simple.JdbcClient jdbc, String path, String accessKeyId,
            String secret) {
        assertThat(jdbc
            .sql("update sandbox_kms_custom_key_store set xks_uri_path = ?, xks_access_key_id = ?, "
                    + "xks_raw_secret_access_key = ?, version = version + 1 where id = ?")
            .params(path, accessKeyId, secret, SeededKeyStores.PUBLIC_XKS)
            .update()).isEqualTo(1);
    }

    @Test
    void aRoundTripInADisconnectedStoreIsExplainedThroughTheStoreState() {
        var sandbox = SeededKeyStores.of(context);
        sandbox.ensureDisconnected(SeededKeyStores.PUBLIC_XKS);
        try {
            String body = roundTrip(SeededKeyStores.PUBLIC_XKS, SEEDED_XKS_KEY);

            assertThat(body).contains("data-round-trip=\"failed\"")
                .contains("KMSInvalidStateException")
                .contains("The key store is DISCONNECTED");
        }
        finally {
            sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        }
    }

    @Test
    void disableEnableScheduleAndCancelAreConfirmedAppliedAndAudited() {
        String store = SeededKeyStores.FINANCE_HSM;
        String keyId = createInSandbox(store, "state changes " + unique());
        context.getBean(com.cksconsole.keys.KeyInventory.class).forget(KeyPagesSupport.DEFAULT_TARGET);

        assertThat(http.get(keyPage(store, keyId) + "/disable").body())
            .contains("data encrypted under it cannot be decrypted");
        assertThat(http.postForm(keyPage(store, keyId) + "/disable", Map.of()).statusCode()).isEqualTo(302);
        assertThat(state(keyId)).isEqualTo(KeyState.DISABLED);

        http.get(keyPage(store, keyId) + "/enable");
        assertThat(http.postForm(keyPage(store, keyId) + "/enable", Map.of()).statusCode()).isEqualTo(302);
        assertThat(state(keyId)).isEqualTo(KeyState.ENABLED);

        assertThat(http.get(keyPage(store, keyId) + "/schedule-deletion").body()).contains("unrecoverable")
            .contains("value=\"30\"");
        assertThat(http.postForm(keyPage(store, keyId) + "/schedule-deletion", Map.of("days", "7")).statusCode())
            .isEqualTo(302);
        assertThat(state(keyId)).isEqualTo(KeyState.PENDING_DELETION);

        http.get(keyPage(store, keyId) + "/cancel-deletion");
        assertThat(http.postForm(keyPage(store, keyId) + "/cancel-deletion", Map.of()).statusCode()).isEqualTo(302);
        assertThat(state(keyId)).isEqualTo(KeyState.DISABLED);

        for (var action : List.of(KeyAuditAction.DISABLE_KEY, KeyAuditAction.ENABLE_KEY,
                KeyAuditAction.SCHEDULE_KEY_DELETION, KeyAuditAction.CANCEL_KEY_DELETION)) {
            assertThat(audited(auditLog, store, action)).as(action.name()).first().satisfies(entry -> {
                assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
                assertThat(entry.outcomeEvent()).isNotNull();
                assertThat(entry.event().parameters().toString()).contains(keyId);
            });
        }
    }

    @Test
    void aWaitingPeriodOutside7To30DaysIsRefusedAndNothingSent() {
        String store = SeededKeyStores.FINANCE_HSM;
        String keyId = createInSandbox(store, "window " + unique());
        context.getBean(com.cksconsole.keys.KeyInventory.class).forget(KeyPagesSupport.DEFAULT_TARGET);

        http.get(keyPage(store, keyId) + "/schedule-deletion");
        var six = http.postForm(keyPage(store, keyId) + "/schedule-deletion", Map.of("days", "6"));
        var thirtyOne = http.postForm(keyPage(store, keyId) + "/schedule-deletion", Map.of("days", "31"));

        assertThat(six.statusCode()).isEqualTo(200);
        assertThat(six.body()).contains("at least 7 days");
        assertThat(thirtyOne.body()).contains("at most 30 days");
        assertThat(state(keyId)).isEqualTo(KeyState.ENABLED);
        assertThat(http.postForm(keyPage(store, keyId) + "/schedule-deletion", Map.of("days", "30")).statusCode())
            .isEqualTo(302);
        assertThat(kms.describeKey(r -> r.keyId(keyId)).keyMetadata().keyState()).isEqualTo(KeyState.PENDING_DELETION);
    }

    @Test
    void theDisconnectConfirmationListsTheStoresKeysThroughTheKeysModule() {
        var page = http.get("/t/default/key-stores/" + SeededKeyStores.FINANCE_HSM + "/disconnect").body();

        assertThat(page).contains("data-key-count=\"2\"")
            .contains("2 KMS keys (1 enabled)")
            .contains("href=\"" + keysPage(SeededKeyStores.FINANCE_HSM) + "\"");
    }

    @Test
    void anUnknownKeyIsA404() {
        assertThat(http.get(keyPage(SeededKeyStores.PUBLIC_XKS, "00000000-0000-4000-8000-000000000000")).statusCode())
            .isEqualTo(404);
        assertThat(http.get(keyPage(SeededKeyStores.PUBLIC_XKS, "not-a-key")).statusCode()).isEqualTo(404);
        assertThat(http.get(keyPage(SeededKeyStores.PUBLIC_XKS, SEEDED_HSM_KEY)).statusCode())
            .as("a key of another store")
            .isEqualTo(404);
    }

    @Test
    void noSecretOrPlaintextIsLoggedByACreateOrARoundTrip(CapturedOutput output) {
        String keyId = createThroughConsole(SeededKeyStores.PUBLIC_XKS, "", "logged " + unique(), "tenant-a-aes-3");
        roundTrip(SeededKeyStores.PUBLIC_XKS, keyId);
        roundTrip(SeededKeyStores.FINANCE_HSM, SEEDED_DISABLED_KEY);

        assertThat(output.getAll()).doesNotContain("Custom Key Store Console round-trip test")
            .doesNotContain(
                    java.util.Base64.getEncoder()
                        .encodeToString("Custom Key Store Console round-trip test"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .doesNotContain(SeededKeyStores.TENANT_A_SECRET);
    }

    @Test
    void noSecretOrPlaintextReachesThePages() {
        String body = http.get(keysPage(SeededKeyStores.PUBLIC_XKS)).body()
                + http.get(keysPage(SeededKeyStores.PUBLIC_XKS) + "/new").body()
                + roundTrip(SeededKeyStores.PUBLIC_XKS, SEEDED_XKS_KEY);

        assertThat(body).doesNotContain(SeededKeyStores.TENANT_A_SECRET)
            .doesNotContain("Custom Key Store Console round-trip test")
            .doesNotContainIgnoringCase("RawSecretAccessKey");
    }

    private KeyState state(String keyId) {
        return kms.describeKey(r -> r.keyId(keyId)).keyMetadata().keyState();
    }

}
