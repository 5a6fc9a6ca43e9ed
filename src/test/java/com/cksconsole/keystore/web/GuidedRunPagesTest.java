package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.ArrayList;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.validation.BindingResult;

import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.guided.GuidedRun;
import com.cksconsole.keystore.guided.GuidedRunFixtures;
import com.cksconsole.keystore.guided.GuidedStep;
import com.cksconsole.keystore.guided.NextAction;
import com.cksconsole.keystore.guided.RunStatus;
import com.cksconsole.keystore.guided.StepName;
import com.cksconsole.keystore.guided.StepStatus;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.support.TestTargets;

/**
 * A guided change's status page follows the run in every part, rendered and polled from
 * the same view: the store's state now, the "keys unusable" notice, the actions still
 * possible, the badge, the store's current name, and no step that does not belong to the
 * store's type.
 */
class GuidedRunPagesTest extends KeyStoreWebSliceTest {

    private static final String UNUSABLE = "data-live-unusable aria-labelledby=\"unusable-title\"";

    @Test
    void theStatePanelShowsTheStoreAsItIsNowNotAsItWasWhenTheRunStarted() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTING);
        var run = running(store, 1);

        assertThat(page(store, run)).bodyText()
            .containsPattern("data-live-store-state aria-live=\"polite\"><span class=\"badge badge--transient\""
                    + ">DISCONNECTING</span>")
            .doesNotContain(">CONNECTED</span>");
    }

    @Test
    void whileTheStoreIsNotConnectedThePageSaysItsKeysAreUnusable() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTING);
        var run = running(store, 4);

        assertThat(page(store, run)).bodyText()
            .contains(UNUSABLE + ">")
            .contains("The keys of this key store are unusable now");
    }

    @Test
    void whileTheStoreIsConnectedTheNoticeIsInThePageButHiddenForTheScriptToShow() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        var run = running(store, 0);

        assertThat(page(store, run)).bodyText().contains(UNUSABLE + " hidden=\"hidden\">");
    }

    @Test
    void beforeTheUpdateBothCancelAndLeaveDisconnectedAreOffered() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);
        var run = running(store, 2);

        assertThat(page(store, run)).bodyText()
            .contains("data-live-action=\"cancel\"")
            .contains("Cancel the change")
            .contains("data-live-action=\"leave-disconnected\"");
    }

    @Test
    void onceTheUpdateHasStartedCancelIsGoneAndLeaveDisconnectedStays() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);
        var run = running(store, 3);

        assertThat(page(store, run)).bodyText()
            .doesNotContain("Cancel the change")
            .contains("Leave it disconnected after the update");
    }

    @Test
    void onceTheConnectHasStartedNoActionIsLeft() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTING);
        var run = running(store, 4);

        assertThat(page(store, run)).bodyText()
            .doesNotContain("Change course")
            .doesNotContain("Cancel the change")
            .doesNotContain("Leave it disconnected");
    }

    @Test
    void theProgressJsonCarriesEveryPartThePageFollows() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTING);
        var run = running(store, 1);

        assertThat(progress(store, run)).hasStatusOk()
            .hasHeader("Cache-Control", "no-store")
            .bodyJson()
            .isLenientlyEqualTo("""
                    {"status":"RUNNING","statusLabel":"Running","statusBadge":"badge--transient","active":true,
                     "storeName":"ekm-public-tenant-a","storeState":"DISCONNECTING",
                     "storeBadge":"badge--transient","keysUnusable":true,"mayCancel":true,
                     "mayLeaveDisconnected":true,"follow":true}""");
    }

    @Test
    void theProgressJsonWithdrawsCancelOnceTheUpdateHasStarted() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        var run = running(store, 3);

        assertThat(progress(store, run)).bodyJson().isLenientlyEqualTo("""
                {"storeState":"CONNECTED","storeBadge":"badge--connected","keysUnusable":false,"mayCancel":false,
                 "mayLeaveDisconnected":true}""");
    }

    @Test
    void aRunThatEndedWhileTheStoreStillMovesKeepsFollowingTheStore() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTING);
        var run = GuidedRunFixtures.sample(store, RunStatus.FAILED, 4, "It did not become CONNECTED in time.",
                NextAction.WAIT);

        assertThat(page(store, run)).bodyText()
            .contains(KeyStoreConnectionPagesTest.REFRESH)
            .contains("data-live-run-url=")
            .contains("class=\"badge badge--failed\" aria-live=\"polite\" data-live-run-status>Stopped</span>");
    }

    @Test
    void aFinishedRunOfASettledStoreNoLongerReloads() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        var run = GuidedRunFixtures.sample(store, RunStatus.COMPLETED, 5, "Every step is done.", NextAction.NONE);

        assertThat(page(store, run)).bodyText()
            .doesNotContain("http-equiv=\"refresh\"")
            .doesNotContain("data-live-run-url=")
            .contains("class=\"badge badge--connected\" aria-live=\"polite\" data-live-run-status>Completed</span>");
    }

    @Test
    void afterAGuidedRenameTheTitleHeadingAndBreadcrumbShowTheNewName() {
        var before = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        var run = GuidedRunFixtures.sample(before,
                new XksChange("ekm-renamed", "https://xks-lab.sandbox.example.com", null, null, null, null, null),
                RunStatus.COMPLETED, 5, "Every step is done.", NextAction.NONE);
        var after = TestKeyStores.renamed(before, "ekm-renamed");

        assertThat(page(after, run)).bodyText()
            .contains("<title>Guided change of ekm-renamed · Custom Key Store Console</title>")
            .contains("data-live-store-name>ekm-renamed</a> /")
            .contains("<h1>Guided change of <span data-live-store-name>ekm-renamed</span></h1>")
            .doesNotContain(">ekm-public-tenant-a<");
    }

    @Test
    void whenKmsCannotBeAskedThePageShowsTheRunsOwnRecordAndNoState() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTING);
        var run = running(store, 1);
        given(guidedChanges.find(TestTargets.ref(store.id()), run.id())).willReturn(Optional.of(run));
        given(reads.find(TestTargets.ref(store.id()))).willThrow(new KmsCallException("DescribeCustomKeyStores",
                new KmsFailure(KmsFailureKind.THROTTLED, "ThrottlingException", "req-9")));

        assertThat(mvc.get().uri(runUrl(store, run)).with(operator())).hasStatusOk()
            .bodyText()
            .contains("<p data-live-store-known hidden=\"hidden\">")
            .contains("KMS could not be\n                asked")
            .contains(UNUSABLE + " hidden=\"hidden\">")
            .contains("Guided change of <span data-live-store-name>" + "ekm-public-tenant-a</span>");
    }

    @Test
    void aCloudHsmRunListsNoXksPreFlightStep() {
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTING);
        var run = GuidedRunFixtures.sample(store, new CloudHsmChange("payments-hsm-renamed", null, null),
                RunStatus.RUNNING, 1, "", NextAction.NONE);

        assertThat(page(store, run)).bodyText().doesNotContain("pre-flight").contains("data-step=\"DISCONNECT\"");
    }

    @Test
    void aCloudHsmRunRecordedWithAPreFlightStepDoesNotShowIt() {
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTING);
        var planned = GuidedRunFixtures.sample(store, new CloudHsmChange("payments-hsm-renamed", null, null),
                RunStatus.RUNNING, 1, "", NextAction.NONE);
        var steps = new ArrayList<GuidedStep>();
        steps.add(new GuidedStep(0, StepName.PREFLIGHT, StepStatus.SKIPPED, null, null, 0, "Not needed."));
        steps.addAll(planned.steps());
        var recorded = new GuidedRun(planned.id(), planned.store(), planned.storeName(), planned.storeType(),
                planned.mode(), planned.status(), planned.change(), planned.settingsFingerprint(), planned.startedBy(),
                planned.reason(), false, false, false, false, null, null, planned.createdAt(), planned.updatedAt(),
                null, steps);

        assertThat(page(store, recorded)).bodyText().doesNotContain("pre-flight");
        assertThat(progress(store, recorded)).bodyText().doesNotContain("PREFLIGHT");
    }

    @Test
    void anEmptySecretComesBackNextToItsFieldAfterTheRedirectAndNothingIsSent() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);
        var run = GuidedRunFixtures.sample(store, RunStatus.NEEDS_SECRET, 2, "restarted", NextAction.PROVIDE_SECRET);
        known(store);
        given(guidedChanges.find(TestTargets.ref(store.id()), run.id())).willReturn(Optional.of(run));

        var refused = mvc.post()
            .uri(runUrl(store, run) + "/secret")
            .param("secret", "")
            .with(operator())
            .with(csrf())
            .exchange();
        assertThat(refused).hasStatus3xxRedirection()
            .hasRedirectedUrl(runUrl(store, run))
            .flash()
            .containsKey(BindingResult.MODEL_KEY_PREFIX + RunSecretForm.NAME)
            .doesNotContainKey("failure");
        assertThat(mvc.get().uri(runUrl(store, run)).flashAttrs(refused.getMvcResult().getFlashMap()).with(operator()))
            .hasStatusOk()
            .bodyText()
            .containsPattern("id=\"secret-error\">\\s*<span class=\"visually-hidden\">Error:</span>\\s*<span>"
                    + Pattern.quote(RunSecretForm.REQUIRED) + "</span>")
            .contains("aria-describedby=\"secret-error\" aria-invalid=\"true\"");
        then(guidedChanges).should(never()).provideSecret(any(), any(), any());
    }

    private GuidedRun running(CustomKeyStore store, int stepsDone) {
        return GuidedRunFixtures.sample(store, RunStatus.RUNNING, stepsDone, "", NextAction.NONE);
    }

    private MvcTestResult page(CustomKeyStore store, GuidedRun run) {
        known(store);
        given(guidedChanges.find(TestTargets.ref(store.id()), run.id())).willReturn(Optional.of(run));
        return mvc.get().uri(runUrl(store, run)).with(operator()).exchange();
    }

    private MvcTestResult progress(CustomKeyStore store, GuidedRun run) {
        known(store);
        given(guidedChanges.find(TestTargets.ref(store.id()), run.id())).willReturn(Optional.of(run));
        return mvc.get().uri(runUrl(store, run) + "/progress").with(user("victor").roles("VIEWER")).exchange();
    }

    private static String runUrl(CustomKeyStore store, GuidedRun run) {
        return "/t/default/key-stores/" + store.id() + "/runs/" + run.id();
    }

    private static RequestPostProcessor operator() {
        return user("olivia").roles("OPERATOR");
    }

}
