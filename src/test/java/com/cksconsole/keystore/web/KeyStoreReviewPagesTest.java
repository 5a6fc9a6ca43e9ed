package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreChangedException;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KeyStoreUpdateFailedException;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.UpdateCommand;
import com.cksconsole.keystore.UpdateNotAllowedException;
import com.cksconsole.keystore.UpdateOutcome;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.kms.ConnectionState;

/**
 * Review and apply: secrets stay server-side, lost updates are refused, every KMS error
 * has its sentence.
 */
class KeyStoreReviewPagesTest extends KeyStoreWebSliceTest {

    private static final String SECRET = KeyStoreEditPagesTest.SECRET;

    private final MockHttpSession session = new MockHttpSession();

    @Test
    void theTypedSecretReachesTheApplyStepWithoutEverBeingInTheHtml() throws Exception {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.ACCESS_KEY_ID, "SANDBOXTENANTBKEYID234", XksUpdateForm.SECRET,
                SECRET);
        var page = mvc.get().uri(review).session(session).with(KeyStoreEditPagesTest.operator()).exchange();
        assertThat(page).hasStatusOk()
            .bodyText()
            .contains("<td>access key ID SANDBOXTENANTAKEYID234 with its secret access key</td>")
            .contains("<strong>access key ID SANDBOXTENANTBKEYID234 with a new secret access key</strong>")
            .doesNotContain(SECRET);
        given(changes.apply(any())).willReturn(new UpdateOutcome(store, store, java.util.Set.of(), "CHG-7"));

        var applied = apply(review, store.fingerprint(), "CHG-7");

        assertThat(applied).hasStatus3xxRedirection().hasRedirectedUrl("/t/default/key-stores/" + store.id());
        assertThat(applied.getResponse().getContentAsString()).doesNotContain(SECRET);
        var command = ArgumentCaptor.forClass(UpdateCommand.class);
        then(changes).should().apply(command.capture());
        var change = (XksChange) command.getValue().change();
        assertThat(change.credential().rawSecretAccessKey().reveal()).isEqualTo(SECRET);
        assertThat(change.properties()).containsExactly(UpdatableProperty.XKS_CREDENTIAL);
        assertThat(command.getValue().reason()).isEqualTo("CHG-7");
        assertThat(command.getValue().actor()).isEqualTo("olivia");
        assertThat(applied).flash()
            .containsKey(KeyStoreDetailController.OUTCOME)
            .as("the detail page says the result once, under the store's heading")
            .doesNotContainKey("success");
    }

    @Test
    void theReviewPageShowsOldAndNewValuesAndWhatStateTheyNeed() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.NAME, "ekm-renamed");
        assertThat(mvc.get().uri(review).session(session).with(KeyStoreEditPagesTest.operator())).bodyText()
            .contains("<td>ekm-public-tenant-a</td>")
            .contains("<strong>ekm-renamed</strong>")
            .contains("Needs the key store to be CONNECTED or DISCONNECTED.")
            .doesNotContain("same external key manager");
    }

    @Test
    void aProxyPathChangeCarriesTheSameKeyManagerWarning() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.PATH, "/tenant-b/kms/xks/v1");
        assertThat(mvc.get().uri(review).session(session).with(KeyStoreEditPagesTest.operator())).bodyText()
            .contains("same external key manager")
            .contains("becomes unrecoverable");
    }

    @Test
    void switchingToAPublicEndpointShowsTheServiceBeingCleared() {
        var store = TestKeyStores.xksVpc(ConnectionState.DISCONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.CONNECTIVITY, "PUBLIC_ENDPOINT", XksUpdateForm.ENDPOINT,
                "https://xks-public.sandbox.example.com", XksUpdateForm.SERVICE_NAME, "", XksUpdateForm.SERVICE_OWNER,
                "");
        assertThat(mvc.get().uri(review).session(session).with(KeyStoreEditPagesTest.operator())).bodyText()
            .contains("<td>" + TestKeyStores.VPC_SERVICE + "</td>")
            .contains("<strong>cleared by KMS</strong>");
    }

    @Test
    void aCloudHsmPasswordIsOnlySaidToBeReplaced() {
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        known(store);
        String review = submitCloudHsm(store, CloudHsmUpdateForm.PASSWORD, "PaymentsDr77");
        assertThat(mvc.get().uri(review).session(session).with(KeyStoreEditPagesTest.operator())).bodyText()
            .contains("<td>the password KMS knows now</td>")
            .contains("<strong>" + ReviewLine.NEW_PASSWORD + "</strong>")
            .doesNotContain("PaymentsDr77");
    }

    @Test
    void aReasonOver256CharactersIsRefusedAndTheReviewStaysUsable() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.NAME, "ekm-renamed");
        assertThat(apply(review, store.fingerprint(), "r".repeat(257))).hasStatusOk()
            .bodyText()
            .contains("Keep the reason to 256 characters or fewer.");
        given(changes.apply(any())).willReturn(new UpdateOutcome(store, store, java.util.Set.of(), null));
        assertThat(apply(review, store.fingerprint(), "r".repeat(256))).hasStatus3xxRedirection();
    }

    @Test
    void aReviewCanBeAppliedOnlyOnce() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.NAME, "ekm-renamed");
        given(changes.apply(any())).willReturn(new UpdateOutcome(store, store, java.util.Set.of(), null));
        apply(review, store.fingerprint(), "");
        var again = apply(review, store.fingerprint(), "");
        assertThat(again).hasStatus3xxRedirection().hasRedirectedUrl("/t/default/key-stores/" + store.id() + "/edit");
        assertThat(again).flash().containsEntry("failure", KeyStoreReviewController.EXPIRED);
        then(changes).should(org.mockito.Mockito.times(1)).apply(any());
    }

    @Test
    void anotherSessionCannotUseTheToken() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.NAME, "ekm-renamed");
        var request = mvc.post()
            .uri(review)
            .session(new MockHttpSession())
            .with(KeyStoreEditPagesTest.operator())
            .with(csrf())
            .param("fingerprint", store.fingerprint());
        assertThat(request).hasStatus3xxRedirection();
        then(changes).should(never()).apply(any());
    }

    @Test
    void aStoreChangedSinceLoadingIsRefusedAndWhatChangedIsShown() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.PATH, "/tenant-b/kms/xks/v1");
        var current = TestKeyStores.inState(TestKeyStores.renamed(store, "renamed-elsewhere"),
                ConnectionState.DISCONNECTING);
        given(changes.apply(any())).willThrow(new KeyStoreChangedException(store, current));
        assertThat(apply(review, store.fingerprint(), "")).hasStatus(409)
            .bodyText()
            .contains("Not applied: the key store changed since you opened the form")
            .contains("<td>ekm-public-tenant-a</td>")
            .contains("<td>renamed-elsewhere</td>")
            .contains("<td>CONNECTED</td>")
            .contains("<td>DISCONNECTING</td>");
    }

    @Test
    void aStateThatNoLongerAllowsTheChangeIsShownOnTheField() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.PATH, "/tenant-b/kms/xks/v1");
        given(changes.apply(any())).willThrow(new UpdateNotAllowedException(store,
                Map.of(UpdatableProperty.XKS_URI_PATH, "Not in this state, sorry.")));
        assertThat(apply(review, store.fingerprint(), "")).hasStatusOk()
            .bodyText()
            .contains("<a href=\"#xksProxyUriPath\">Not in this state, sorry.</a>");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "CustomKeyStoreNameInUseException | newCustomKeyStoreName | already has this name",
            "XksProxyUriInUseException | xksProxyUriEndpoint | uses this endpoint and path together",
            "XksProxyUriInUseException | xksProxyUriPath | uses this endpoint and path together",
            "XksProxyUriEndpointInUseException | xksProxyUriEndpoint | This endpoint is already taken",
            "XksProxyVpcEndpointServiceInUseException | xksProxyVpcEndpointServiceName | already uses this VPC endpoint service",
            "XksProxyVpcEndpointServiceNotFoundException | xksProxyVpcEndpointServiceName | cannot find this VPC endpoint service",
            "XksProxyVpcEndpointServiceInvalidConfigurationException | xksProxyVpcEndpointServiceName | does not meet KMS",
            "XksProxyUriUnreachableException | xksProxyUriEndpoint | could not reach the proxy",
            "XksProxyIncorrectAuthenticationCredentialException | xksProxyAuthenticationCredential.accessKeyId | rejected this credential",
            "XksProxyIncorrectAuthenticationCredentialException | xksProxyAuthenticationCredential.rawSecretAccessKey | rejected this credential",
            "XksProxyInvalidConfigurationException | xksProxyUriPath | does not know this path",
            "XksProxyInvalidResponseException | xksProxyUriEndpoint | cannot interpret" })
    void everyXksErrorIsShownOnTheFieldItConcerns(String error, String field, String sentence) {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.NAME, "ekm-renamed", XksUpdateForm.SECRET, SECRET,
                XksUpdateForm.ENDPOINT, "https://xks-lab.sandbox.example.com");
        given(changes.apply(any())).willThrow(
                new KeyStoreUpdateFailedException(new KmsFailure(KmsFailureKind.REFUSED, error, "req-9"), store, null));
        assertThat(apply(review, store.fingerprint(), "")).hasStatusOk()
            .bodyText()
            .containsPattern("id=\"" + java.util.regex.Pattern.quote(field)
                    + "-error\">\\s*<span class=\"visually-hidden\">Error:</span>\\s*<span>[^<]*" + sentence)
            .contains("value=\"ekm-renamed\"")
            .contains("value=\"https://xks-lab.sandbox.example.com\"")
            .doesNotContain(SECRET);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "CloudHsmClusterNotFoundException, cannot find a CloudHSM cluster",
            "CloudHsmClusterNotRelatedException, is not related", "CloudHsmClusterNotActiveException, is not active",
            "CloudHsmClusterInvalidConfigurationException, does not meet KMS",
            "CloudHsmClusterInUseException, already backs another key store" })
    void everyClusterErrorIsShownOnTheClusterId(String error, String sentence) {
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        known(store);
        String review = submitCloudHsm(store, CloudHsmUpdateForm.CLUSTER_ID, "cluster-m7qz3vh2kd5",
                CloudHsmUpdateForm.PASSWORD, "PaymentsDr77");
        given(changes.apply(any())).willThrow(
                new KeyStoreUpdateFailedException(new KmsFailure(KmsFailureKind.REFUSED, error, "req-9"), store, null));
        assertThat(apply(review, store.fingerprint(), "")).hasStatusOk()
            .bodyText()
            .containsPattern("id=\"cloudHsmClusterId-error\">\\s*<span class=\"visually-hidden\">Error:</span>"
                    + "\\s*<span>[^<]*" + sentence)
            .contains("value=\"cluster-m7qz3vh2kd5\"")
            .doesNotContain("PaymentsDr77");
    }

    @Test
    void anInvalidStateRefusalShowsTheCurrentStateInTheSummary() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.NAME, "ekm-renamed");
        given(changes.apply(any())).willThrow(new KeyStoreUpdateFailedException(
                new KmsFailure(KmsFailureKind.REFUSED, "CustomKeyStoreInvalidStateException", "req-9"), store,
                TestKeyStores.inState(store, ConnectionState.DISCONNECTING)));
        assertThat(apply(review, store.fingerprint(), "")).hasStatusOk()
            .bodyText()
            .contains(
                    "KMS refused the change because of the key store&#39;s connection state (it is DISCONNECTING now)")
            .contains("<span class=\"badge badge--transient\">DISCONNECTING</span>");
    }

    @Test
    void aStoreThatIsGoneSendsTheOperatorToTheList() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.NAME, "ekm-renamed");
        given(changes.apply(any())).willThrow(new KeyStoreUpdateFailedException(
                new KmsFailure(KmsFailureKind.REFUSED, "CustomKeyStoreNotFoundException", "req-9"), store, null));
        var result = apply(review, store.fingerprint(), "");
        assertThat(result).hasStatus3xxRedirection().hasRedirectedUrl("/key-stores");
        assertThat(result).flash().containsEntry("failure", KeyStoreReviewController.GONE);
    }

    @Test
    void aStoreGoneBeforeTheUpdateAlsoSendsTheOperatorToTheList() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.NAME, "ekm-renamed");
        given(changes.apply(any())).willThrow(new KeyStoreNotFoundException(store.id()));
        assertThat(apply(review, store.fingerprint(), "")).hasStatus3xxRedirection().hasRedirectedUrl("/key-stores");
    }

    @Test
    void aValidationExceptionGoesToTheSummaryWithItsRequestId() {
        assertThat(failWith(KmsFailureKind.REFUSED, "ValidationException", null)).bodyText()
            .contains("KMS did not accept one of the values (ValidationException, request ID req-9). "
                    + "Nothing was changed.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "THROTTLED, ThrottlingException", "KMS_INTERNAL, KMSInternalException" })
    void throttlingAndInternalErrorsSayNothingChangedTryAgain(KmsFailureKind kind, String code) {
        assertThat(failWith(kind, code, null)).bodyText().contains("Nothing was changed. Try again in a moment.");
    }

    @Test
    void aTimeoutAfterWhichTheStoreIsUnchangedSaysNothingChangedTryAgain() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        assertThat(failWith(KmsFailureKind.TIMED_OUT, "Timeout", store)).bodyText()
            .contains("shows that nothing was changed. Try again in a moment.");
    }

    @Test
    void aTimeoutThatCannotBeConfirmedSaysToCheckFirst() {
        assertThat(failWith(KmsFailureKind.TIMED_OUT, "Timeout", null)).bodyText()
            .contains("the change is not confirmed. Check the key store&#39;s current values");
    }

    @Test
    void anUnknownErrorShowsItsNameAndRequestIdButNoExceptionText() {
        assertThat(failWith(KmsFailureKind.REFUSED, "KMSInvalidStateException", null)).bodyText()
            .contains("KMS refused the change with KMSInvalidStateException, request ID req-9. Nothing was changed.")
            .doesNotContain("at com.")
            .doesNotContain("Exception:");
    }

    @Test
    void whenKmsCannotBeAskedBeforeSendingNothingIsSent() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.NAME, "ekm-renamed");
        given(changes.apply(any())).willThrow(new KmsCallException("DescribeCustomKeyStores",
                new KmsFailure(KmsFailureKind.THROTTLED, "ThrottlingException", null)));
        assertThat(apply(review, store.fingerprint(), "")).hasStatusOk()
            .bodyText()
            .contains("so the change was not sent. Nothing was changed. Try again in a moment.");
    }

    private MvcTestResult failWith(KmsFailureKind kind, String code, CustomKeyStore current) {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        String review = submitXks(store, XksUpdateForm.NAME, "ekm-renamed");
        given(changes.apply(any()))
            .willThrow(new KeyStoreUpdateFailedException(new KmsFailure(kind, code, "req-9"), store, current));
        var result = apply(review, store.fingerprint(), "");
        assertThat(result).hasStatusOk();
        return result;
    }

    private String submitXks(CustomKeyStore store, String... changes) {
        var request = mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/edit/xks")
            .session(session)
            .with(KeyStoreEditPagesTest.operator())
            .with(csrf());
        FormPosts.xks(store, changes).forEach(request::param);
        var result = request.exchange();
        assertThat(result).hasStatus3xxRedirection();
        return result.getResponse().getRedirectedUrl();
    }

    private String submitCloudHsm(CustomKeyStore store, String... changes) {
        var request = mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/edit/cloudhsm")
            .session(session)
            .with(KeyStoreEditPagesTest.operator())
            .with(csrf());
        FormPosts.cloudHsm(store, changes).forEach(request::param);
        var result = request.exchange();
        assertThat(result).hasStatus3xxRedirection();
        return result.getResponse().getRedirectedUrl();
    }

    private MvcTestResult apply(String review, String fingerprint, String reason) {
        return mvc.post()
            .uri(review)
            .session(session)
            .with(KeyStoreEditPagesTest.operator())
            .with(csrf())
            .param("fingerprint", fingerprint)
            .param("reason", reason)
            .exchange();
    }

}
