package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.UpdateCommand;
import com.cksconsole.keystore.UpdateOutcome;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.proxyconfig.ImportedSecretStore;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.SessionVaultFixture;

/**
 * The import of an XKS proxy configuration on the edit page, with the key store service
 * mocked and a clock the tests move: what is prefilled and marked, what the state keeps
 * from being applied, every refusal with the typed input kept, the secret held behind a
 * handle (never in the page) until it is used, discarded or expired.
 */
@Import(XksImportPagesTest.MovableClock.class)
class XksImportPagesTest extends KeyStoreWebSliceTest {

    private static final String MINIMAL_SECRET = "d9QTdb+yi54cbjlWgXHHt0YnG5ha4BGbVXXfZy9iTVs";

    private static final String HANDLE_INPUT = "name=\"" + XksUpdateForm.IMPORTED_SECRET + "\"";

    private static final String PASSWORD_INPUT = "name=\"" + XksUpdateForm.SECRET + "\"";

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock {

        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(NOW);
        }

    }

    @Autowired
    MutableClock clock;

    @Autowired
    ImportedSecretStore importedSecrets;

    private final MockHttpSession session = new MockHttpSession();

    // --- what an accepted file fills in
    // ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "valid-minimal.json,       /kms/xks/v1,                                            EZCOJCBEUDBISVFZ6XJ6,           d9QTdb+yi54cbjlWgXHHt0YnG5ha4BGbVXXfZy9iTVs",
            "valid-prefixed-path.json, /keystores/f3a1c2d4-5b6e-47a8-9c0d-1e2f3a4b5c6d/kms/xks/v1, NHPUESHXLXKMEZGVLALTZBCMPX, 8BUTZHCmLSLCYYrH2tFHuql4YLT9JspiqE9hIWEKGw0=",
            "valid-with-endpoint.json, /tenant-a/kms/xks/v1,                                   MHYURUDZPRY7TSCPAVZRD7DV,       S6NvjPrv6gPZ0RMlp8+ambc0BF/pSyusAASojbyht2U",
            "valid-vpc.json,           /kms/xks/v1,                                            FOHXA2JNDVJ7QYKSHLVOTSVWF76RP2, e8mnbO75h24u3bWRyxbvPG4nIMiuEMlsC1LPmdaqETA",
            "valid-unknown-keys.json,  /kms/xks/v1,                                            UGCINRX7S35JOVT2UVWN,           K/v7WaYA8j6vxf640HihDCdW9ekWI0gXjnM8BSfpw9M",
            "valid-utf8-bom.json,      /kms/xks/v1,                                            Z6MWDXNBI3IFASCSJ3LYQN,         VKVo0Lksfadfm/Nhae9a8LUvZOmoQP2nNcjbGJzTaso" })
    void eachValidFilePrefillsThePathAndTheCredentialAndKeepsTheSecretOnTheServer(String file, String path,
            String accessKeyId, String secret) {
        var store = connectedPublicStore();

        var page = importFile(store, ImportFixtures.upload(file), "edit", FormPosts.xks(store));

        assertThat(page).hasStatusOk()
            .bodyText()
            .contains("name=\"xksProxyUriPath\" value=\"" + path + "\"")
            .contains("name=\"" + XksUpdateForm.ACCESS_KEY_ID + "\" value=\"" + accessKeyId + "\"")
            .contains(HANDLE_INPUT)
            .contains("secret access key: <strong>from the uploaded file</strong>")
            .doesNotContain(PASSWORD_INPUT)
            .contains("Imported from " + file + " (");
        assertNoSecretIn(page, secret);
    }

    @Test
    void theSummaryNamesTheFileWithSizeAndHashAndSaysWhatCameFromItAndWhatWasLeft() {
        var store = connectedPublicStore();
        byte[] content = ImportFixtures.bytes("valid-minimal.json");

        var page = importFile(store, ImportFixtures.upload("valid-minimal.json"), "edit", FormPosts.xks(store));

        assertThat(page).bodyText()
            .contains(html("Imported from valid-minimal.json (" + content.length + " bytes, SHA-256 "
                    + ImportFixtures.sha256(content).substring(0, 12) + "…): proxy URI path,"
                    + " access key ID, secret access key; left as they were: name, proxy URI endpoint, proxy"
                    + " connectivity, VPC endpoint service name, VPC endpoint service owner."));
    }

    @Test
    void eachFieldFromTheFileIsMarkedAndLinkedToItsMarker() {
        var store = connectedPublicStore();

        var page = importFile(store, ImportFixtures.upload("valid-minimal.json"), "edit", FormPosts.xks(store));

        assertThat(page).bodyText()
            .contains("id=\"xksProxyUriPath-imported\"")
            .containsPattern("name=\"xksProxyUriPath\"[^>]*aria-describedby=\"xksProxyUriPath-hint "
                    + "xksProxyUriPath-imported\"")
            .contains("id=\"" + XksUpdateForm.ACCESS_KEY_ID + "-imported\"")
            .doesNotContain("id=\"newCustomKeyStoreName-imported\"")
            .doesNotContain("id=\"xksProxyUriEndpoint-imported\"");
    }

    @Test
    void onAConnectedStoreTheFilesEndpointIsFilledInAsTypingItWouldBeAndValuesAsTheyAreAreNotMarked() {
        var store = connectedPublicStore();

        var page = importFile(store, ImportFixtures.upload("valid-with-endpoint.json"), "edit", FormPosts.xks(store));

        assertThat(page).hasStatusOk()
            .bodyText()
            .contains("name=\"xksProxyUriEndpoint\" value=\"https://xks.example.test\"")
            .contains("id=\"xksProxyUriEndpoint-imported\"")
            .doesNotContain("was not applied")
            .contains("; the same as now: proxy URI path, proxy connectivity;")
            .as("the file's path and connectivity equal the current ones: nothing changes, nothing is marked")
            .doesNotContain("id=\"xksProxyUriPath-imported\"")
            .doesNotContain("id=\"xksProxyConnectivity-imported\"");
    }

    @Test
    void onAConnectedStoreImportAndReviewOfAnEndpointLeadsToTheReviewThatOffersTheGuidedChange() {
        var store = connectedPublicStore();

        var imported = importFile(store, ImportFixtures.upload("valid-with-endpoint.json"), "review",
                FormPosts.xks(store));

        assertThat(imported).hasStatus3xxRedirection();
        var review = mvc.get()
            .uri(imported.getResponse().getRedirectedUrl())
            .session(session)
            .with(operator())
            .exchange();
        assertThat(review).hasStatusOk()
            .bodyText()
            .contains("<td><strong>https://xks.example.test</strong></td>")
            .contains("This change needs the key store DISCONNECTED, and it is CONNECTED")
            .contains("name=\"mode\" value=\"RECONNECT\"");
    }

    @Test
    void aDisconnectedStoreTakesEveryValueOfTheFile() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);
        known(store);

        var page = importFile(store, ImportFixtures.upload("valid-vpc.json"), "edit", FormPosts.xks(store));

        assertThat(page).hasStatusOk()
            .bodyText()
            .contains("name=\"xksProxyUriEndpoint\" value=\"https://myproxy-private.xks.example.test\"")
            .containsPattern("value=\"VPC_ENDPOINT_SERVICE\"\\s+selected")
            .contains("name=\"xksProxyVpcEndpointServiceName\" value=\"" + TestKeyStores.VPC_SERVICE + "\"")
            .contains("id=\"xksProxyUriEndpoint-imported\"", "id=\"xksProxyConnectivity-imported\"",
                    "id=\"xksProxyVpcEndpointServiceName-imported\"")
            .contains("; left as they were: name, VPC endpoint service owner.")
            .doesNotContain("was not applied");
    }

    @Test
    void aStateThatLocksTheCredentialKeepsNothingOfTheSecret() {
        var store = TestKeyStores.xksPublic(ConnectionState.FAILED);
        known(store);

        var page = importFile(store, ImportFixtures.upload("valid-minimal.json"), "edit", FormPosts.xks(store));

        assertThat(page).hasStatusOk()
            .bodyText()
            .contains(html("The file's proxy authentication credential was not applied: the key store is FAILED"))
            .contains(html("The file's proxy URI path was not applied"))
            .contains("Imported from valid-minimal.json")
            .doesNotContain(HANDLE_INPUT)
            .contains("name=\"" + XksUpdateForm.ACCESS_KEY_ID + "\" value=\"SANDBOXTENANTAKEYID234\"");
    }

    @Test
    void ignoredKeysAreListed() {
        var store = connectedPublicStore();

        var page = importFile(store, ImportFixtures.upload("valid-unknown-keys.json"), "edit", FormPosts.xks(store));

        assertThat(page).bodyText()
            .contains("Ignored in the file:")
            .contains("Comment is not part of an XKS proxy configuration and was ignored.")
            .contains("Version is not part of an XKS proxy configuration and was ignored.");
    }

    @Test
    void theOperatorsTypedNameSurvivesAnAcceptedImport() {
        var store = connectedPublicStore();

        var page = importFile(store, ImportFixtures.upload("valid-minimal.json"), "edit",
                FormPosts.xks(store, XksUpdateForm.NAME, "typed-before-the-import"));

        assertThat(page).bodyText().contains("name=\"newCustomKeyStoreName\" value=\"typed-before-the-import\"");
    }

    @Test
    void pastedJsonFillsTheFormLikeAFileAndIsNeverShownAgain() {
        var store = connectedPublicStore();
        String json = ImportFixtures.text("valid-minimal.json");

        var page = importText(store, json, "edit", FormPosts.xks(store));

        assertThat(page).hasStatusOk()
            .bodyText()
            .contains("name=\"xksProxyUriPath\" value=\"/kms/xks/v1\"")
            .contains("secret access key: <strong>from the pasted proxy configuration</strong>")
            .contains("Imported from pasted text (" + json.getBytes(StandardCharsets.UTF_8).length + " bytes")
            .containsPattern("<textarea[^>]*name=\"proxyConfigurationText\"[^>]*></textarea>");
        assertNoSecretIn(page, MINIMAL_SECRET);
    }

    // --- refusals
    // -------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "invalid-path-suffix.json       | XksProxyUriPath must end in /kms/xks/v<number> (no trailing slash)",
            "invalid-access-key-chars.json  | AccessKeyId allows only A-Z and 2-7.",
            "invalid-secret-too-short.json  | RawSecretAccessKey needs 43-64 characters.",
            "invalid-missing-secret.json    | both credential parts are required together",
            "invalid-wrong-types.json       | XksProxyUriPath must be a string, but it is an array.",
            "invalid-top-level-array.json   | must hold one JSON object ({ ... }), but it holds an array.",
            "invalid-key-case.json          | xksProxyUriPath differs only in case from XksProxyUriPath",
            "invalid-duplicate-key.json     | XksProxyUriPath appears twice; each key may appear only once.",
            "invalid-trailing-content.json  | continues after its JSON object ends",
            "invalid-not-json.txt           | is not JSON: a proxy configuration is a JSON object that starts with {.",
            "invalid-empty.json             | The file \"invalid-empty.json\" is empty." })
    void eachRefusalShowsTheParsersMessageAndKeepsTheTypedInput(String file, String message) {
        var store = connectedPublicStore();

        var page = importFile(store, ImportFixtures.upload(file), "review", FormPosts.xks(store, XksUpdateForm.NAME,
                "typed-before-the-upload", XksUpdateForm.PATH, "/typed/kms/xks/v1"));

        assertThat(page).hasStatusOk()
            .bodyText()
            .contains("name=\"newCustomKeyStoreName\" value=\"typed-before-the-upload\"")
            .contains("name=\"xksProxyUriPath\" value=\"/typed/kms/xks/v1\"")
            .contains("The proxy configuration was not imported:")
            .containsPattern("<a href=\"#proxyConfigurationFile\">[^<]*" + java.util.regex.Pattern.quote(html(message)))
            .contains("aria-describedby=\"proxyConfigurationFile-hint proxy-config-error\"")
            .doesNotContain(HANDLE_INPUT)
            .doesNotContain("Imported from");
    }

    @Test
    void aRefusedImportKeepsTheSecretOfAnEarlierOne() {
        var store = connectedPublicStore();
        var first = importFile(store, ImportFixtures.upload("valid-minimal.json"), "edit", FormPosts.xks(store));
        var fields = HtmlForm.read(body(first), "/edit/xks");

        var second = importFile(store, ImportFixtures.upload("invalid-empty.json"), "edit", fields);

        assertThat(second).bodyText()
            .contains("is empty.")
            .contains("secret access key: <strong>from the uploaded file</strong>")
            .contains("name=\"xksProxyUriPath\" value=\"/kms/xks/v1\"");
        assertThat(HtmlForm.read(body(second), "/edit/xks").get(XksUpdateForm.IMPORTED_SECRET))
            .isEqualTo(fields.get(XksUpdateForm.IMPORTED_SECRET));
    }

    @Test
    void aRefusedPasteIsNotFilledBackIn() {
        var store = connectedPublicStore();
        String json = ImportFixtures.text("valid-minimal.json").replace("/kms/xks/v1", "/kms/xks/v1/");

        var page = importText(store, json, "edit", FormPosts.xks(store));

        assertThat(page).bodyText()
            .contains("must end in /kms/xks/v")
            .contains("<a href=\"#proxyConfigurationText\">")
            .containsPattern("<details class=\"import-paste\" open")
            .containsPattern("<textarea[^>]*name=\"proxyConfigurationText\"[^>]*></textarea>");
        assertNoSecretIn(page, MINIMAL_SECRET);
    }

    @Test
    void importingWithoutAFileOrTextSaysWhatToDo() {
        var store = connectedPublicStore();
        var request = mvc.post()
            .uri(importUri(store))
            .multipart()
            .file(ImportFixtures.noFile())
            .session(session)
            .with(operator())
            .with(csrf())
            .param("then", "edit");
        FormPosts.xks(store, XksUpdateForm.NAME, "kept").forEach(request::param);

        assertThat(request.exchange()).hasStatusOk()
            .bodyText()
            .contains(XksImports.NOTHING_CHOSEN)
            .contains("value=\"kept\"");
    }

    @Test
    void aFileAndPastedTextTogetherAreRefused() {
        var store = connectedPublicStore();
        var request = mvc.post()
            .uri(importUri(store))
            .multipart()
            .file(ImportFixtures.upload("valid-minimal.json"))
            .session(session)
            .with(operator())
            .with(csrf())
            .param("then", "edit")
            .param(XksImports.TEXT, ImportFixtures.text("valid-minimal.json"));
        FormPosts.xks(store).forEach(request::param);

        assertThat(request.exchange()).hasStatusOk()
            .bodyText()
            .contains(XksImports.BOTH_CHOSEN)
            .doesNotContain(HANDLE_INPUT);
    }

    @Test
    void aFileOfExactlyTheLimitIsImported() {
        var store = connectedPublicStore();

        var page = importFile(store, ImportFixtures.upload("big.json", ImportFixtures.validOfSize(65_536)), "edit",
                FormPosts.xks(store));

        assertThat(page).bodyText().contains("Imported from big.json (65,536 bytes").contains(HANDLE_INPUT);
    }

    @Test
    void aFileOneByteOverTheLimitIsRefusedWithTheParsersMessageAndTheInputKept() {
        var store = connectedPublicStore();

        var page = importFile(store, ImportFixtures.upload("big.json", ImportFixtures.validOfSize(65_537)), "edit",
                FormPosts.xks(store, XksUpdateForm.NAME, "typed-before-the-upload"));

        assertThat(page).bodyText()
            .contains(html("The file \"big.json\" is 65,537 bytes; a proxy configuration may be at most 64 KiB"
                    + " (65,536 bytes)."))
            .contains("value=\"typed-before-the-upload\"")
            .doesNotContain(HANDLE_INPUT);
    }

    @Test
    void anUploadTheContainerRefusedIsExplainedOnTheForm() {
        var store = connectedPublicStore();

        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id() + "/edit?upload=too-large").with(operator()))
            .hasStatusOk()
            .bodyText()
            .contains(html(XksImports.TOO_LARGE.formatted("64 KiB")))
            .contains("<a href=\"#proxyConfigurationFile\">");
    }

    // --- import and review
    // ----------------------------------------------------------------------------------

    @Test
    void importAndReviewGoesStraightToTheReviewWhenTheFilledInFormPasses() {
        var store = connectedPublicStore();
        byte[] content = ImportFixtures.bytes("valid-minimal.json");

        var imported = importFile(store, ImportFixtures.upload("valid-minimal.json"), "review", FormPosts.xks(store));

        assertThat(imported).hasStatus3xxRedirection()
            .redirectedUrl()
            .matches("/t/default/key-stores/" + store.id() + "/review/[A-Za-z0-9_-]{32}");
        var review = mvc.get()
            .uri(imported.getResponse().getRedirectedUrl())
            .session(session)
            .with(operator())
            .exchange();
        assertThat(review).hasStatusOk()
            .bodyText()
            .contains("access key ID EZCOJCBEUDBISVFZ6XJ6 with a new secret access key")
            .contains("<td><strong>/kms/xks/v1</strong></td>")
            .contains("Values from the proxy configuration")
            .contains("valid-minimal.json (" + content.length + " bytes, SHA-256 "
                    + ImportFixtures.sha256(content).substring(0, 12) + "…)");
        assertNoSecretIn(review, MINIMAL_SECRET);
    }

    @Test
    void importAndReviewStopsAtTheFormWhenSomethingElseIsWrongAndHoldsTheSecret() {
        var store = connectedPublicStore();

        var page = importFile(store, ImportFixtures.upload("valid-minimal.json"), "review",
                FormPosts.xks(store, XksUpdateForm.NAME, "n".repeat(257)));

        assertThat(page).hasStatusOk()
            .bodyText()
            .contains("The name must be 1 to 256 characters long.")
            .contains(HANDLE_INPUT)
            .contains("name=\"xksProxyUriPath\" value=\"/kms/xks/v1\"");
        assertNoSecretIn(page, MINIMAL_SECRET);
    }

    @Test
    void reviewWithAChosenFileImportsItFirst() {
        var store = connectedPublicStore();
        var request = mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/edit/xks")
            .multipart()
            .file(ImportFixtures.upload("valid-minimal.json"))
            .session(session)
            .with(operator())
            .with(csrf());
        FormPosts.xks(store).forEach(request::param);

        assertThat(request.exchange()).hasStatus3xxRedirection().redirectedUrl().contains("/review/");
    }

    @Test
    void theHeldSecretIsSentWithTheReviewedChangeAndOnlyOnce() throws Exception {
        var store = connectedPublicStore();
        var page = importFile(store, ImportFixtures.upload("valid-minimal.json"), "edit", FormPosts.xks(store));
        var fields = HtmlForm.read(body(page), "/edit/xks");

        var submitted = submitXks(store, operator(), session, fields);
        assertThat(submitted).hasStatus3xxRedirection();
        String review = submitted.getResponse().getRedirectedUrl();
        given(changes.apply(any())).willReturn(new UpdateOutcome(store, store, Set.of(), null));
        var applied = apply(review, store.fingerprint());

        assertThat(applied).hasStatus3xxRedirection().hasRedirectedUrl("/t/default/key-stores/" + store.id());
        var command = ArgumentCaptor.forClass(UpdateCommand.class);
        then(changes).should().apply(command.capture());
        var change = (XksChange) command.getValue().change();
        assertThat(change.uriPath()).isEqualTo("/kms/xks/v1");
        assertThat(change.credential().accessKeyId()).isEqualTo("EZCOJCBEUDBISVFZ6XJ6");
        assertThat(change.credential().rawSecretAccessKey().reveal()).isEqualTo(MINIMAL_SECRET);
        assertThat(change.properties()).containsExactly(UpdatableProperty.XKS_URI_PATH,
                UpdatableProperty.XKS_CREDENTIAL);

        var again = submitXks(store, operator(), session, fields);
        assertThat(again).as("the handle was used up by the first review")
            .hasStatusOk()
            .bodyText()
            .contains(html(XksImports.SECRET_GONE.formatted("10 minutes")));
    }

    @Test
    void aFormWithOtherErrorsKeepsTheSecretHeldForTheNextAttempt() {
        var store = connectedPublicStore();
        var page = importFile(store, ImportFixtures.upload("valid-minimal.json"), "edit", FormPosts.xks(store));
        var fields = new LinkedHashMap<>(HtmlForm.read(body(page), "/edit/xks"));
        fields.put(XksUpdateForm.NAME, "n".repeat(257));

        var refused = submitXks(store, operator(), session, fields);
        assertThat(refused).hasStatusOk()
            .bodyText()
            .contains("The name must be 1 to 256 characters long.")
            .contains("secret access key: <strong>from the uploaded file</strong>");

        fields.put(XksUpdateForm.NAME, "fixed-name");
        assertThat(submitXks(store, operator(), session, fields)).hasStatus3xxRedirection()
            .redirectedUrl()
            .contains("/review/");
    }

    @Test
    void aTypedSecretWinsOverAHeldOneWhichIsThenForgotten() {
        var store = connectedPublicStore();
        var fields = new LinkedHashMap<>(importedFields(store));
        String handle = fields.get(XksUpdateForm.IMPORTED_SECRET);
        fields.put(XksUpdateForm.SECRET, KeyStoreEditPagesTest.SECRET);

        var submitted = submitXks(store, operator(), session, fields);
        given(changes.apply(any())).willReturn(new UpdateOutcome(store, store, Set.of(), null));
        apply(submitted.getResponse().getRedirectedUrl(), store.fingerprint());

        var command = ArgumentCaptor.forClass(UpdateCommand.class);
        then(changes).should().apply(command.capture());
        assertThat(((XksChange) command.getValue().change()).credential().rawSecretAccessKey().reveal())
            .isEqualTo(KeyStoreEditPagesTest.SECRET);
        assertThat(SessionVaultFixture.asTheBrowserOf(session,
                () -> importedSecrets.isPending(handle, session, "olivia", store.id())))
            .isFalse();
    }

    @Test
    void aStoreThatChangedSinceTheImportShowsItsCurrentValuesAndForgetsTheSecret() {
        var loaded = connectedPublicStore();
        var fields = importedFields(loaded);
        var now = TestKeyStores.renamed(loaded, "renamed-by-someone-else");
        known(now);

        var page = submitXks(now, operator(), session, fields);

        assertThat(page).hasStatusOk()
            .bodyText()
            .contains(html(KeyStoreEditController.CHANGED_SINCE_LOADED))
            .contains("value=\"renamed-by-someone-else\"")
            .doesNotContain(HANDLE_INPUT);
        assertThat(SessionVaultFixture.asTheBrowserOf(session, () -> importedSecrets
            .isPending(fields.get(XksUpdateForm.IMPORTED_SECRET), session, "olivia", loaded.id()))).isFalse();
    }

    @Test
    void anImportIntoTheFormOfAStoreThatChangedStartsFromItsCurrentValues() {
        var loaded = connectedPublicStore();
        var now = TestKeyStores.renamed(loaded, "renamed-by-someone-else");
        known(now);

        var page = importFile(now, ImportFixtures.upload("valid-minimal.json"), "review",
                FormPosts.xks(loaded, XksUpdateForm.NAME, "typed-on-the-old-form"));

        assertThat(page).as("not on to the review: the operator must see the current values first")
            .hasStatusOk()
            .bodyText()
            .contains(html(KeyStoreEditController.CHANGED_SINCE_LOADED))
            .contains("value=\"renamed-by-someone-else\"")
            .contains("value=\"" + now.fingerprint() + "\"")
            .contains("name=\"xksProxyUriPath\" value=\"/kms/xks/v1\"")
            .contains(HANDLE_INPUT);
    }

    // --- expiry, discard, cancel
    // ----------------------------------------------------------------------------

    @Test
    void theHeldSecretIsStillThereJustBeforeTenMinutes() {
        var store = connectedPublicStore();
        var fields = importedFields(store);
        clock.advance(Duration.ofMinutes(10).minusMillis(1));

        assertThat(submitXks(store, operator(), session, fields)).hasStatus3xxRedirection();
    }

    @Test
    void theHeldSecretHasExpiredAfterTenMinutesAndTheFieldAsksForItAgain() {
        var store = connectedPublicStore();
        var fields = importedFields(store);
        clock.advance(Duration.ofMinutes(10));

        var page = submitXks(store, operator(), session, fields);

        assertThat(page).hasStatusOk()
            .bodyText()
            .contains("id=\"" + XksUpdateForm.SECRET + "-error\"")
            .contains(html(XksImports.SECRET_GONE.formatted("10 minutes")))
            .contains(PASSWORD_INPUT)
            .doesNotContain(HANDLE_INPUT)
            .as("the file's values are still in the form")
            .contains("value=\"EZCOJCBEUDBISVFZ6XJ6\"");
        then(changes).should(never()).apply(any());
    }

    @Test
    void useADifferentSecretForgetsTheFilesSecretAndKeepsTheRest() {
        var store = connectedPublicStore();
        var fields = new LinkedHashMap<>(importedFields(store));
        fields.put(XksUpdateForm.NAME, "typed-after-the-import");

        var request = mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/edit/discard-secret")
            .session(session)
            .with(operator())
            .with(csrf());
        fields.forEach(request::param);
        var page = request.exchange();

        assertThat(page).hasStatusOk()
            .bodyText()
            .contains(PASSWORD_INPUT)
            .doesNotContain(HANDLE_INPUT)
            .contains("value=\"typed-after-the-import\"")
            .contains("value=\"/kms/xks/v1\"");
        assertThat(submitXks(store, operator(), session, fields)).bodyText()
            .as("the old handle no longer works")
            .contains(html(XksImports.SECRET_GONE.formatted("10 minutes")));
    }

    @Test
    void cancelForgetsTheFilesSecret() {
        var store = connectedPublicStore();
        var fields = importedFields(store);

        var request = mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/edit/cancel")
            .session(session)
            .with(operator())
            .with(csrf());
        fields.forEach(request::param);
        assertThat(request.exchange()).hasStatus3xxRedirection()
            .hasRedirectedUrl("/t/default/key-stores/" + store.id());

        assertThat(submitXks(store, operator(), session, fields)).bodyText()
            .contains(html(XksImports.SECRET_GONE.formatted("10 minutes")));
    }

    @Test
    void anotherUserInTheSameSessionCannotUseTheHandle() {
        var store = connectedPublicStore();
        var fields = importedFields(store);

        assertThat(submitXks(store, user("mallory").roles("OPERATOR"), session, fields)).hasStatusOk()
            .bodyText()
            .contains(html(XksImports.SECRET_GONE.formatted("10 minutes")));
        assertThat(submitXks(store, operator(), session, fields)).as("still there for its owner")
            .hasStatus3xxRedirection();
    }

    // --- who may import
    // -------------------------------------------------------------------------------------

    @Test
    void theImportNeedsTheCsrfToken() {
        var store = connectedPublicStore();
        var request = mvc.post()
            .uri(importUri(store))
            .multipart()
            .file(ImportFixtures.upload("valid-minimal.json"))
            .session(session)
            .with(operator())
            .param("then", "edit");
        FormPosts.xks(store).forEach(request::param);

        assertThat(request.exchange()).hasStatus(403);
    }

    @ParameterizedTest
    @ValueSource(strings = { "VIEWER", "AUDITOR" })
    void viewersAndAuditorsCannotImportDiscardOrCancel(String role) {
        var store = connectedPublicStore();
        RequestPostProcessor who = user("someone").roles(role);
        var request = mvc.post()
            .uri(importUri(store))
            .multipart()
            .file(ImportFixtures.upload("valid-minimal.json"))
            .session(session)
            .with(who)
            .with(csrf())
            .param("then", "edit");
        FormPosts.xks(store).forEach(request::param);

        assertThat(request.exchange()).hasStatus(403);
        for (String action : new String[] { "discard-secret", "cancel" }) {
            assertThat(mvc.post()
                .uri("/t/default/key-stores/" + store.id() + "/edit/" + action)
                .session(session)
                .with(who)
                .with(csrf())).hasStatus(403);
        }
    }

    // --- helpers
    // --------------------------------------------------------------------------------------------

    private CustomKeyStore connectedPublicStore() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        return store;
    }

    /** The form's fields after importing valid-minimal.json, handle included. */
    private Map<String, String> importedFields(CustomKeyStore store) {
        var page = importFile(store, ImportFixtures.upload("valid-minimal.json"), "edit", FormPosts.xks(store));
        var fields = HtmlForm.read(body(page), "/edit/xks");
        assertThat(fields.get(XksUpdateForm.IMPORTED_SECRET)).isNotBlank();
        return fields;
    }

    private static String importUri(CustomKeyStore store) {
        return "/t/default/key-stores/" + store.id() + "/edit/import";
    }

    private MvcTestResult importFile(CustomKeyStore store, MockMultipartFile file, String then,
            Map<String, String> fields) {
        return importing(store, file, null, then, fields);
    }

    private MvcTestResult importText(CustomKeyStore store, String text, String then, Map<String, String> fields) {
        return importing(store, ImportFixtures.noFile(), text, then, fields);
    }

    private MvcTestResult importing(CustomKeyStore store, MockMultipartFile file, @Nullable String text, String then,
            Map<String, String> fields) {
        var request = mvc.post()
            .uri(importUri(store))
            .multipart()
            .file(file)
            .session(session)
            .with(operator())
            .with(csrf())
            .param("then", then);
        fields.forEach((name, value) -> {
            if (!name.equals(XksImports.FILE)) {
                request.param(name, value);
            }
        });
        if (text != null) {
            request.param(XksImports.TEXT, text);
        }
        return request.exchange();
    }

    private MvcTestResult submitXks(CustomKeyStore store, RequestPostProcessor who, MockHttpSession in,
            Map<String, String> fields) {
        var request = mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/edit/xks")
            .session(in)
            .with(who)
            .with(csrf());
        fields.forEach((name, value) -> {
            if (!name.equals(XksImports.FILE)) {
                request.param(name, value);
            }
        });
        return request.exchange();
    }

    private MvcTestResult apply(String review, String fingerprint) {
        return mvc.post()
            .uri(review)
            .session(session)
            .with(operator())
            .with(csrf())
            .param("fingerprint", fingerprint)
            .param("reason", "")
            .exchange();
    }

    private static RequestPostProcessor operator() {
        return KeyStoreEditPagesTest.operator();
    }

    private static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString();
        }
        catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String html(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static void assertNoSecretIn(MvcTestResult page, String secret) {
        String html = body(page);
        assertThat(html).doesNotContain(secret);
        assertThat(ImportFixtures.substrings(secret, 8)).allSatisfy(part -> assertThat(html).doesNotContain(part));
    }

}
