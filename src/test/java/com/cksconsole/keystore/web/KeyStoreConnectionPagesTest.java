package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.cksconsole.keystore.ConnectionChangeFailedException;
import com.cksconsole.keystore.ConnectionOperation;
import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.StoreLockHolder;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.keystore.guided.GuidedRunFixtures;
import com.cksconsole.keystore.guided.GuidedRunRefusedException;
import com.cksconsole.keystore.guided.NextAction;
import com.cksconsole.keystore.guided.RunStatus;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.support.TestTargets;

/**
 * The detail page's connection section and transition following, the connect and
 * disconnect confirmations, the state JSON, and a guided change's status page in each of
 * its situations, with the service mocked.
 */
class KeyStoreConnectionPagesTest extends KeyStoreWebSliceTest {

    static final String REFRESH = "<noscript><meta http-equiv=\"refresh\" content=\"3\"></noscript>";

    private static RequestPostProcessor operator() {
        return user("olivia").roles("OPERATOR");
    }

    private static RequestPostProcessor viewer() {
        return user("victor").roles("VIEWER");
    }

    @Test
    void aTransientStoresPageReloadsItselfWithoutScriptAndPollsItsStateWithIt() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTING);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id()).with(viewer())).hasStatusOk()
            .bodyText()
            .contains(REFRESH)
            .contains("data-live-state-url=\"/t/default/key-stores/" + store.id() + "/state\"")
            .containsPattern("<script src=\"/js/live-state(-[0-9a-f]{32})?\\.js\" defer></script>")
            .contains("KMS is connecting this key store");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ConnectionState.class, names = { "CONNECTED", "DISCONNECTED", "FAILED" })
    void aSettledStoresPageDoesNotReload(ConnectionState state) {
        var store = TestKeyStores.xksPublic(state);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id()).with(viewer())).hasStatusOk()
            .bodyText()
            .doesNotContain("http-equiv=\"refresh\"")
            .doesNotContain("live-state.js");
    }

    @Test
    void theStateJsonSaysWhetherTheStoreIsStillMoving() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTING);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id() + "/state").with(viewer())).hasStatusOk()
            .hasHeader("Cache-Control", "no-store")
            .bodyJson()
            .isLenientlyEqualTo("""
                    {"id":"cks-2d9c6a1f8e4b7035c","state":"DISCONNECTING","transitional":true,"errorCode":null,
                     "stale":false}""");
        var failed = TestKeyStores.cloudHsm(ConnectionState.FAILED);
        known(failed);
        assertThat(mvc.get().uri("/t/default/key-stores/" + failed.id() + "/state").with(viewer())).bodyJson()
            .isLenientlyEqualTo("{\"state\":\"FAILED\",\"transitional\":false,\"errorCode\":\"INVALID_CREDENTIALS\"}");
    }

    @Test
    void operatorsSeeTheConnectOrDisconnectTheStateAllowsAndViewersNeither() {
        var disconnected = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        var connected = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(disconnected, connected);
        assertThat(mvc.get().uri("/t/default/key-stores/" + disconnected.id()).with(operator())).bodyText()
            .contains("href=\"/t/default/key-stores/" + disconnected.id() + "/connect\"")
            .doesNotContain("/disconnect\"");
        assertThat(mvc.get().uri("/t/default/key-stores/" + connected.id()).with(operator())).bodyText()
            .contains("href=\"/t/default/key-stores/" + connected.id() + "/disconnect\"")
            .doesNotContain("/connect\"");
        assertThat(mvc.get().uri("/t/default/key-stores/" + connected.id()).with(viewer())).bodyText()
            .doesNotContain("/disconnect\"")
            .doesNotContain("/connect\"");
    }

    @Test
    void operatorsSeeTheDeleteActionAndViewersDoNot() {
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id()).with(operator())).bodyText()
            .contains("href=\"/t/default/key-stores/" + store.id() + "/delete\"")
            .contains("id=\"kms-keys\"");
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id()).with(viewer())).bodyText()
            .doesNotContain("/delete\"")
            .contains("id=\"kms-keys\"");
    }

    @Test
    void aDisconnectingStoreCanNeitherBeConnectedNorDisconnected() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTING);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id()).with(operator())).bodyText()
            .contains("Neither connect nor disconnect is possible while the\n            key store is "
                    + "<span>DISCONNECTING</span>");
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id() + "/disconnect").with(operator())).bodyText()
            .contains("KMS disconnects only a CONNECTED, CONNECTING or FAILED key store, and this one is "
                    + "DISCONNECTING.")
            .doesNotContain("<form class=\"form card section\"");
    }

    @Test
    void viewersCannotOpenTheConfirmationsNorPostThem() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id() + "/disconnect").with(viewer())).hasStatus(403);
        assertThat(mvc.post().uri("/t/default/key-stores/" + store.id() + "/disconnect").with(viewer()).with(csrf()))
            .hasStatus(403);
        verify(connections, never()).disconnect(any(), any(), any());
    }

    @Test
    void aDisconnectWithoutCsrfTokenIsRefused() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        assertThat(mvc.post().uri("/t/default/key-stores/" + store.id() + "/disconnect").with(operator()))
            .hasStatus(403);
        verify(connections, never()).disconnect(any(), any(), any());
    }

    @Test
    void aDisconnectIsSentInTheOperatorsNameAndTheDetailPageSaysSo() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        assertThat(mvc.post().uri("/t/default/key-stores/" + store.id() + "/disconnect").with(operator()).with(csrf()))
            .hasStatus3xxRedirection()
            .hasRedirectedUrl("/t/default/key-stores/" + store.id())
            .flash()
            .containsEntry("success", KeyStoreConnectionController.DISCONNECT_STARTED);
        verify(connections).disconnect(TestTargets.ref(store.id()), "olivia", null);
    }

    @Test
    void aRefusedConnectIsExplainedInPlainWords() {
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        known(store);
        willThrow(new ConnectionChangeFailedException(ConnectionOperation.CONNECT,
                new KmsFailure(KmsFailureKind.REFUSED, "CloudHsmClusterNotActiveException", "req-1"), store))
            .given(connections)
            .connect(eq(TestTargets.ref(store.id())), eq("olivia"), any());
        assertThat(mvc.post().uri("/t/default/key-stores/" + store.id() + "/connect").with(operator()).with(csrf()))
            .hasStatus3xxRedirection()
            .flash()
            .hasEntrySatisfying("failure",
                    message -> assertThat(message).asString()
                        .contains("its CloudHSM cluster is not active")
                        .contains("req-1"));
    }

    @Test
    void aConnectDuringAGuidedChangeIsRefused() {
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        known(store);
        willThrow(new KeyStoreBusyException(
                new StoreLockHolder(TestTargets.ref(store.id()), "run-1", "dora", Instant.now())))
            .given(connections)
            .connect(eq(TestTargets.ref(store.id())), eq("olivia"), any());
        assertThat(mvc.post().uri("/t/default/key-stores/" + store.id() + "/connect").with(operator()).with(csrf()))
            .flash()
            .hasEntrySatisfying("failure", message -> assertThat(message).asString()
                .contains("A guided change is under way on this key store, so the console did not connect it"));
    }

    @Test
    void aRunningGuidedChangeReloadsItsPageWithoutScriptAndOffersCancelAndLeaveDisconnected() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTING);
        known(store);
        var run = GuidedRunFixtures.sample(store, RunStatus.RUNNING, 1, "", NextAction.NONE);
        given(guidedChanges.find(TestTargets.ref(store.id()), run.id())).willReturn(Optional.of(run));
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id() + "/runs/" + run.id()).with(operator()))
            .hasStatusOk()
            .bodyText()
            .contains(REFRESH)
            .contains("data-live-run-url=\"/t/default/key-stores/" + store.id() + "/runs/" + run.id() + "/progress\"")
            .contains("Disconnect done")
            .contains("Cancel the change")
            .contains("Leave it disconnected after the update")
            .contains("https://xks-lab.sandbox.example.com");
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id() + "/runs/" + run.id()).with(viewer())).bodyText()
            .doesNotContain("Cancel the change")
            .doesNotContain("Leave it disconnected");
    }

    @Test
    void aStoppedGuidedChangeSaysWhereTheStoreIsAndOffersTheNextStep() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);
        known(store);
        var run = GuidedRunFixtures.sample(store, RunStatus.FAILED, 2,
                "KMS refused the update: the proxy does not " + "know the proxy URI path.", NextAction.CONNECT);
        given(guidedChanges.find(TestTargets.ref(store.id()), run.id())).willReturn(Optional.of(run));
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id() + "/runs/" + run.id()).with(operator()))
            .hasStatusOk()
            .bodyText()
            .doesNotContain("http-equiv=\"refresh\"")
            .doesNotContain("data-live-run-url")
            .contains("Stopped")
            .contains("KMS refused the update: the proxy does not know the proxy URI path.")
            .contains("href=\"/t/default/key-stores/" + store.id() + "/connect\"")
            .doesNotContain("Cancel the change");
    }

    @Test
    void aRunWaitingForItsSecretAsksForIt() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);
        known(store);
        var run = GuidedRunFixtures.sample(store, RunStatus.NEEDS_SECRET, 2, "The console restarted.",
                NextAction.PROVIDE_SECRET);
        given(guidedChanges.find(TestTargets.ref(store.id()), run.id())).willReturn(Optional.of(run));
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id() + "/runs/" + run.id()).with(operator()))
            .bodyText()
            .contains("Give the secret again")
            .contains("type=\"password\" id=\"secret\" name=\"secret\" value=\"\"")
            .contains("Cancel the change");
    }

    @Test
    void aCancelTooLateIsExplained() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTING);
        known(store);
        var run = GuidedRunFixtures.sample(store, RunStatus.RUNNING, 4, "", NextAction.NONE);
        given(guidedChanges.find(TestTargets.ref(store.id()), run.id())).willReturn(Optional.of(run));
        willThrow(new GuidedRunRefusedException("This change can no longer be cancelled.")).given(guidedChanges)
            .cancel(run, "olivia");
        assertThat(mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/runs/" + run.id() + "/cancel")
            .with(operator())
            .with(csrf())).hasStatus3xxRedirection()
            .flash()
            .containsEntry("failure", "This change can no longer be cancelled.");
    }

    @Test
    void anUnknownRunIsNotFound() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id() + "/runs/no-such-run").with(viewer()))
            .hasStatus(404)
            .bodyText()
            .contains("Guided change not found");
    }

    @Test
    void theSecretGivenAgainIsNeverRenderedBack() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);
        known(store);
        var run = GuidedRunFixtures.sample(store, RunStatus.NEEDS_SECRET, 2, "restarted", NextAction.PROVIDE_SECRET);
        given(guidedChanges.find(TestTargets.ref(store.id()), run.id())).willReturn(Optional.of(run));
        given(guidedChanges.provideSecret(run, "olivia", "abc"))
            .willReturn(Optional.of("A secret access key is 43 " + "to 64 characters long."));
        assertThat(mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/runs/" + run.id() + "/secret")
            .param("secret", "abc")
            .with(operator())
            .with(csrf())).hasStatus3xxRedirection()
            .flash()
            .containsEntry("failure", "A secret access key is 43 to 64 characters long.");
    }

}
