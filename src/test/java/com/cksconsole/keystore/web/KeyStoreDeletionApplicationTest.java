package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreNotFoundException;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.keystore.DeletionFailureMessages;
import com.cksconsole.keystore.KeyStoreAuditAction;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * Deleting a key store from the console over HTTP, against the KMS sandbox through the
 * real SDK: the confirmation page and its typed name, the deletion and its audit entries
 * (intent and outcome, with account and Region, secret-free), the refusals before KMS is
 * called (not DISCONNECTED, a wrong name, a used form) and KMS's refusal of a store that
 * still holds KMS keys. Each test creates its own store (a public external key store on
 * the sandbox proxy's /tenant-b prefix) and removes what is left of it afterwards.
 */
@ConsoleApplicationTest
class KeyStoreDeletionApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    AuditLog auditLog;

    @Autowired
    ApplicationContext context;

    private SeededKeyStores sandbox;

    private KmsClient kms;

    private ConsoleHttpClient http;

    private ConsoleFlows console;

    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void signIn() {
        sandbox = SeededKeyStores.of(context);
        kms = KeyStoreServices.defaultClient(context);
        http = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        console = new ConsoleFlows(http);
    }

    @AfterEach
    void removeWhatIsLeft() {
        for (String id : created) {
            try {
                sandbox.ensureDisconnected(id);
                // A store that holds a KMS key would wait for the key's deletion.
                DeletableStores.removeKeysOf(context, id);
                kms.deleteCustomKeyStore(r -> r.customKeyStoreId(id));
            }
            catch (CustomKeyStoreNotFoundException alreadyDeleted) {
                // deleted by the test
            }
        }
        context.getBean(com.cksconsole.keystore.KeyStoreReads.class).forgetSnapshot();
    }

    private String create(String name) {
        String id = DeletableStores.create(context, name);
        created.add(id);
        return id;
    }

    private static String uniqueName() {
        return "del-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String page(String id) {
        return "/t/default/key-stores/" + id;
    }

    /** The confirmation form as the page shows it, with the name typed. */
    private Map<String, String> confirmation(String id, String typedName) {
        var shown = console.get(page(id) + "/delete");
        assertThat(shown.statusCode()).isEqualTo(200);
        var fields = new LinkedHashMap<>(HtmlForm.readExact(shown.body(), page(id) + "/delete"));
        fields.put("confirmName", typedName);
        return fields;
    }

    private HttpResponse<String> post(String id, Map<String, String> fields) {
        return http.postForm(page(id) + "/delete", fields);
    }

    private List<AuditEntry> deletions(String id) {
        return auditLog.changeHistory(id, 20)
            .stream()
            .filter(e -> e.event().action().equals(KeyStoreAuditAction.DELETE_CUSTOM_KEY_STORE.name()))
            .toList();
    }

    private boolean existsInKms(String id) {
        try {
            sandbox.describe(id);
            return true;
        }
        catch (CustomKeyStoreNotFoundException e) {
            return false;
        }
    }

    @Test
    void aDisconnectedStoreIsDeletedAfterItsNameIsTypedAndTheListSaysSo() {
        String name = uniqueName();
        String id = create(name);
        assertThat(console.get(page(id)).body()).contains("href=\"" + page(id) + "/delete\"");
        var shown = console.get(page(id) + "/delete");
        assertThat(shown.body()).contains("Deleting cannot be undone.")
            .contains("KMS keys that were in it cannot be recreated")
            .contains("action=\"" + page(id) + "/delete\"")
            .contains("Delete the key store");
        assertThat(existsInKms(id)).as("the confirmation page deletes nothing").isTrue();

        var deleted = post(id, confirmation(id, name));

        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(deleted.headers().firstValue("Location").orElseThrow()).endsWith("/t/default/key-stores");
        assertThat(console.get("/t/default/key-stores").body())
            .contains("The key store " + name + " (" + id + ") was deleted from KMS.")
            .doesNotContain("href=\"" + page(id) + "\"");
        assertThatThrownBy(() -> sandbox.describe(id)).isInstanceOf(CustomKeyStoreNotFoundException.class);
        assertThat(kms.describeCustomKeyStores().customKeyStores()).noneMatch(s -> s.customKeyStoreId().equals(id));
    }

    @Test
    void theDeletionIsAuditedIntentAndOutcomeWithAccountAndRegionAndNoSecret() {
        String name = uniqueName();
        String id = create(name);

        post(id, confirmation(id, name));

        assertThat(deletions(id)).singleElement().satisfies(entry -> {
            assertThat(entry.event().actor()).isEqualTo("admin");
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(entry.outcomeEvent()).as("the outcome is its own row after the intent").isNotNull();
            assertThat(entry.outcomeEvent().seq()).isGreaterThan(entry.event().seq());
            assertThat(entry.kmsRequestId()).isNotBlank();
            assertThat(entry.event().target().accountId()).isEqualTo("111122223333");
            assertThat(entry.event().target().region()).isEqualTo("us-east-1");
            assertThat(entry.event().target().storeName()).isEqualTo(name);
            assertThat(entry.details()).extracting(AuditParameter::name)
                .contains("CustomKeyStoreType", "ConnectionState", "XksProxyConfiguration.UriPath");
            assertThat(entry.event().parameters().toString() + entry.details())
                .doesNotContain(SeededKeyStores.TENANT_B_SECRET)
                .doesNotContainIgnoringCase("RawSecretAccessKey");
        });
    }

    @Test
    void aReplayedOrDoubleSubmittedFormDeletesOnceAndSaysItWasUsed() {
        String name = uniqueName();
        String id = create(name);
        var form = confirmation(id, name);

        assertThat(post(id, form).statusCode()).isEqualTo(302);
        var replayed = post(id, form);

        assertThat(replayed.statusCode()).isEqualTo(409);
        assertThat(replayed.body()).contains("This confirmation was already used")
            .contains("Nothing was sent to KMS this time")
            .contains("no longer exists: it has");
        assertThat(deletions(id)).as("one DeleteCustomKeyStore").hasSize(1);
    }

    @Test
    void aWrongNameIsRefusedNextToTheFieldWithTheInputKeptAndNothingSent() {
        String name = uniqueName();
        String id = create(name);
        var form = confirmation(id, name.toUpperCase());

        var refused = post(id, form);

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"confirmName-error\"")
            .contains(KeyStoreDeletionController.WRONG_NAME.replace("'", "&#39;"))
            .contains("value=\"" + name.toUpperCase() + "\"");
        assertThat(existsInKms(id)).isTrue();
        assertThat(deletions(id)).isEmpty();
        // The same confirmation, with the name corrected, still deletes.
        form.put("confirmName", name);
        assertThat(post(id, form).statusCode()).isEqualTo(302);
        assertThat(existsInKms(id)).isFalse();
    }

    @Test
    void anEmptyNameIsRefusedNextToTheField() {
        String id = create(uniqueName());

        var refused = post(id, confirmation(id, ""));

        assertThat(refused.body()).contains("Type the key store&#39;s name to confirm the deletion.");
        assertThat(existsInKms(id)).isTrue();
    }

    @Test
    void aStoreThatIsNotDisconnectedGetsNoDeleteButtonButTheWayToDisconnect() {
        String id = create(uniqueName());
        sandbox.ensureConnected(id);

        var shown = console.get(page(id) + "/delete");

        assertThat(shown.body()).contains("KMS deletes only a DISCONNECTED key store, and this one is")
            .contains("href=\"" + page(id) + "/disconnect\"")
            .doesNotContain("action=\"" + page(id) + "/delete\"")
            .doesNotContain("Delete the key store");
    }

    @Test
    void aStoreConnectedAfterThePageWasShownIsRefusedBeforeKmsIsCalled() {
        String name = uniqueName();
        String id = create(name);
        var form = confirmation(id, name);
        sandbox.ensureConnected(id);

        var refused = post(id, form);

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith(page(id) + "/delete");
        assertThat(console.get(page(id) + "/delete").body())
            .contains("The key store is CONNECTED now, so nothing was sent to KMS");
        assertThat(existsInKms(id)).isTrue();
        assertThat(deletions(id)).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.REJECTED);
            assertThat(entry.kmsRequestId()).as("nothing reached KMS").isNull();
        });
    }

    /**
     * With the keys module present, the confirmation reads the store's keys afresh: it
     * lists them, links to the Keys page and offers no deletion, so nothing is sent (the
     * KMS refusal CustomKeyStoreHasCMKsException remains the last line of defence).
     */
    @Test
    void aStoreThatHoldsKmsKeysIsKeptAndThePageListsTheKeysFirst() throws Exception {
        String name = uniqueName();
        String id = DeletableStores.createHoldingKey(context, name, port);
        created.add(id);

        var shown = console.get(page(id) + "/delete").body();

        assertThat(shown).contains("data-key-count=\"1\"")
            .contains("href=\"" + page(id) + "/keys\"")
            .doesNotContain("action=\"" + page(id) + "/delete\"");
        assertThat(console.get(page(id)).body()).contains("id=\"kms-keys\"");
        assertThat(existsInKms(id)).isTrue();
        assertThat(deletions(id)).as("nothing was sent").isEmpty();
    }

}
