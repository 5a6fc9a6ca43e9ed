package com.cksconsole.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import com.cksconsole.audit.AuditFilter;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditPage;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.home.Overview.Attention;
import com.cksconsole.home.Overview.Count;
import com.cksconsole.home.Overview.Reason;
import com.cksconsole.keystore.ConnectionTransitions;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KeyStoreSnapshot;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.ObservedStoreState;
import com.cksconsole.keystore.ObservedStoreStates;
import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.keystore.guided.GuidedChangeService;
import com.cksconsole.keystore.guided.GuidedRunFixtures;
import com.cksconsole.keystore.guided.NextAction;
import com.cksconsole.keystore.guided.RunStatus;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.support.MutableClock;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.support.TestTargets;
import com.cksconsole.keystore.KeyStoreAuditAction;

/**
 * The overview's content, one rule per test: counts, each reason to need attention (with
 * its boundary), the last change of each store, and every source failing on its own while
 * the rest still shows.
 */
class DashboardServiceTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);

    private final KeyStoreReads keyStores = mock(KeyStoreReads.class);

    private final AuditLog auditLog = mock(AuditLog.class);

    private final GuidedChangeService guidedChanges = mock(GuidedChangeService.class);

    private final ConnectionTransitions transitions = mock(ConnectionTransitions.class);

    private final ObservedStoreStates observed = mock(ObservedStoreStates.class);

    private final DashboardService dashboard = new DashboardService(keyStores, auditLog, guidedChanges, transitions,
            observed,
            new OverviewProperties(Duration.ofMinutes(20), Duration.ofMinutes(10), Duration.ofMinutes(10),
                    Duration.ofDays(7), Duration.ofMinutes(2)),
            clock, TestTargets.kmsTargets(), new org.springframework.beans.factory.support.StaticListableBeanFactory()
                .getBeanProvider(com.cksconsole.keystore.StoreKeys.class));

    @BeforeEach
    void nothingByDefault() {
        given(auditLog.page(any(), isNull(), anyInt())).willReturn(new AuditPage(List.of(), null));
        given(auditLog.changeHistory(any(KeyStoreRef.class), anyInt())).willReturn(List.of());
        given(guidedChanges.activeRuns()).willReturn(List.of());
        given(transitions.elapsed(any(), any())).willReturn(Optional.empty());
        given(observed.find(any())).willReturn(Optional.empty());
    }

    private void known(CustomKeyStore... stores) {
        given(keyStores.list(TestTargets.SANDBOX)).willReturn(
                new SnapshotRead(new KeyStoreSnapshot(TestTargets.SANDBOX, List.of(stores), NOW), null, Duration.ZERO));
    }

    private List<Attention> attention(Reason reason) {
        return dashboard.overview(true).attention().stream().filter(item -> item.reason() == reason).toList();
    }

    @Test
    void countsEveryStoreByConnectionStateAndByTypeEachLinkingToTheFilteredList() {
        known(TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED), TestKeyStores.xksPublic(ConnectionState.CONNECTED),
                TestKeyStores.xksVpc(ConnectionState.CONNECTED));
        var overview = dashboard.overview(true);

        assertThat(overview.byState()).extracting(Count::label, Count::count, Count::href)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("CONNECTED", 2L, "/key-stores?state=CONNECTED"),
                    org.assertj.core.groups.Tuple.tuple("CONNECTING", 0L, "/key-stores?state=CONNECTING"),
                    org.assertj.core.groups.Tuple.tuple("DISCONNECTING", 0L, "/key-stores?state=DISCONNECTING"),
                    org.assertj.core.groups.Tuple.tuple("DISCONNECTED", 1L, "/key-stores?state=DISCONNECTED"),
                    org.assertj.core.groups.Tuple.tuple("FAILED", 0L, "/key-stores?state=FAILED"));
        assertThat(overview.byType()).extracting(Count::label, Count::count, Count::href)
            .containsExactly(
                    org.assertj.core.groups.Tuple.tuple("CloudHSM key store", 1L, "/key-stores?type=AWS_CLOUDHSM"),
                    org.assertj.core.groups.Tuple.tuple("External key store (XKS)", 2L,
                            "/key-stores?type=EXTERNAL_KEY_STORE"));
        verify(keyStores).list(TestTargets.SANDBOX);
    }

    @Test
    void aFailedStoreIsListedWithTheMeaningAndFixOfItsErrorCodeAndTheWayOut() {
        known(TestKeyStores.xksPublic(ConnectionState.FAILED), TestKeyStores.xksVpc(ConnectionState.CONNECTED));
        assertThat(attention(Reason.FAILED)).singleElement().satisfies(item -> {
            assertThat(item.title()).isEqualTo("ekm-public-tenant-a is FAILED (XKS_PROXY_TIMED_OUT)");
            assertThat(item.detail()).contains("did not answer within KMS's 250 ms", "Fix: Report the problem");
            assertThat(item.href()).isEqualTo("/t/default/key-stores/" + TestKeyStores.XKS_PUBLIC_ID);
            assertThat(item.actionHref())
                .isEqualTo("/t/default/key-stores/" + TestKeyStores.XKS_PUBLIC_ID + "/disconnect");
        });
    }

    @Test
    void aConnectingExternalStoreIsListedOnlyOnceItTakesLongerThanExpected() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTING);
        known(store);
        given(transitions.elapsed(TestTargets.ref(store.id()), store)).willReturn(Optional.of(Duration.ofMinutes(10)));
        assertThat(attention(Reason.SLOW_TRANSITION)).as("10 minutes is still expected").isEmpty();

        given(transitions.elapsed(TestTargets.ref(store.id()), store))
            .willReturn(Optional.of(Duration.ofMinutes(10).plusSeconds(1)));
        assertThat(attention(Reason.SLOW_TRANSITION)).singleElement().satisfies(item -> {
            assertThat(item.title()).isEqualTo("ekm-public-tenant-a has been CONNECTING for 10 minutes");
            assertThat(item.detail())
                .contains("Connecting an external key store is expected to take at most " + "10 minutes");
            assertThat(item.actionHref()).endsWith("/disconnect");
        });
    }

    @Test
    void aConnectingCloudHsmStoreHasTwentyMinutesAndAnUnknownStartCountsFromWhenTheConsoleFirstSawIt() {
        var store = TestKeyStores.cloudHsm(ConnectionState.CONNECTING);
        known(store);
        given(transitions.elapsed(TestTargets.ref(store.id()), store)).willReturn(Optional.of(Duration.ofMinutes(15)));
        assertThat(attention(Reason.SLOW_TRANSITION)).as("CloudHSM takes up to 20 minutes").isEmpty();

        given(transitions.elapsed(TestTargets.ref(store.id()), store)).willReturn(Optional.empty());
        given(observed.find(TestTargets.ref(store.id())))
            .willReturn(Optional.of(new ObservedStoreState(TestTargets.ref(store.id()), Map.of(),
                    NOW.minus(Duration.ofDays(30)), ConnectionState.CONNECTING, NOW.minus(Duration.ofMinutes(25)),
                    NOW.minus(Duration.ofMinutes(25)), 3)));
        assertThat(attention(Reason.SLOW_TRANSITION)).singleElement()
            .extracting(Attention::title)
            .isEqualTo("payments-hsm-dr has been CONNECTING for at least 25 minutes");
    }

    @Test
    void aDisconnectingStoreIsListedAfterTenMinutesWithoutAConnectOrDisconnectAction() {
        var store = TestKeyStores.xksVpc(ConnectionState.DISCONNECTING);
        known(store);
        given(transitions.elapsed(TestTargets.ref(store.id()), store)).willReturn(Optional.of(Duration.ofMinutes(12)));
        assertThat(attention(Reason.SLOW_TRANSITION)).singleElement().satisfies(item -> {
            assertThat(item.title()).isEqualTo("ekm-private-vpc has been DISCONNECTING for 12 minutes");
            assertThat(item.actionHref()).isNull();
        });
    }

    @Test
    void aDisconnectedStoreIsListedWithSinceWhenAndTheConnectPage() {
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        known(store);
        given(observed.find(TestTargets.ref(store.id()))).willReturn(Optional
            .of(new ObservedStoreState(TestTargets.ref(store.id()), Map.of(), NOW.minus(Duration.ofDays(3)),
                    ConnectionState.DISCONNECTED, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(2)), 1)));
        assertThat(attention(Reason.DISCONNECTED)).singleElement().satisfies(item -> {
            assertThat(item.title()).isEqualTo("payments-hsm-dr is DISCONNECTED");
            assertThat(item.detail()).contains("unusable until it is connected again",
                    "Seen DISCONNECTED since 2026-02-27 10:00 UTC");
            assertThat(item.actionHref()).isEqualTo("/t/default/key-stores/" + store.id() + "/connect");
        });
    }

    @Test
    void aConnectedStoreNeedsNothing() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        assertThat(dashboard.overview(true).attention()).isEmpty();
    }

    @Test
    void aChangeMadeOutsideTheConsoleIsListedWithOldAndNewValuesAndLinksToTheStoresHistory() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        var change = AuditEntries.entry(KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE, store.id(), "ekm-public-tenant-a",
                "system", NOW.minusSeconds(60), AuditOutcome.SUCCEEDED,
                AuditParameter.changed("CustomKeyStoreName", "ekm-old-name", "ekm-public-tenant-a"));
        given(auditLog.page(argThat(f -> f != null && f.action() == KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE),
                isNull(), anyInt()))
            .willReturn(new AuditPage(List.of(change), null));

        assertThat(attention(Reason.OUTSIDE_CHANGE)).singleElement().satisfies(item -> {
            assertThat(item.title()).isEqualTo("ekm-public-tenant-a was changed outside the console");
            assertThat(item.detail()).contains("CustomKeyStoreName ekm-old-name → ekm-public-tenant-a");
            assertThat(item.href()).isEqualTo("/t/default/key-stores/" + store.id() + "#store-history-title");
            assertThat(item.auditHref()).isEqualTo("/audit/" + change.event().eventId());
        });
        verify(auditLog).page(argThat(f -> f != null && f.action() == KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE
                && NOW.minus(Duration.ofDays(7)).equals(f.from())), isNull(), anyInt());
    }

    @Test
    void unfinishedGuidedChangesAreListedWithTheirRunPage() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        var running = GuidedRunFixtures.sample(store, RunStatus.RUNNING, 1, "", NextAction.NONE);
        var waiting = GuidedRunFixtures.sample(store, RunStatus.NEEDS_SECRET, 2, "Needs the secret", NextAction.NONE);
        given(guidedChanges.activeRuns()).willReturn(List.of(running, waiting));

        assertThat(attention(Reason.GUIDED_RUN)).extracting(Attention::title, Attention::href)
            .containsExactly(
                    org.assertj.core.groups.Tuple.tuple("A guided change of ekm-public-tenant-a is under way",
                            "/t/default/key-stores/" + store.id() + "/runs/" + running.id()),
                    org.assertj.core.groups.Tuple.tuple("A guided change of ekm-public-tenant-a waits for its secret",
                            "/t/default/key-stores/" + store.id() + "/runs/" + waiting.id()));
        assertThat(attention(Reason.GUIDED_RUN).get(0).detail()).contains("Started by olivia",
                "Now: Wait for " + "DISCONNECTED.");
    }

    @Test
    void intentsWhoseOutcomeIsUnknownAreListedOnceOlderThanTwoMinutes() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        var pending = AuditEntries.entry(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, store.id(), null, "alice",
                NOW.minus(Duration.ofMinutes(5)), null);
        given(auditLog.page(argThat(f -> f != null && f.outcome() == AuditOutcome.PENDING), isNull(), anyInt()))
            .willReturn(new AuditPage(List.of(pending), null));

        assertThat(attention(Reason.PENDING_OUTCOME)).singleElement().satisfies(item -> {
            assertThat(item.title()).as("the name comes from the snapshot when the event has none")
                .isEqualTo("Outcome unknown: UpdateCustomKeyStore of ekm-public-tenant-a");
            assertThat(item.detail()).contains("by alice");
            assertThat(item.href()).isEqualTo("/t/default/key-stores/" + store.id());
            assertThat(item.auditHref()).isEqualTo("/audit/" + pending.event().eventId());
        });
        verify(auditLog).page(argThat((AuditFilter f) -> f != null && f.outcome() == AuditOutcome.PENDING
                && NOW.minus(Duration.ofMinutes(2)).equals(f.to())), isNull(), anyInt());
    }

    @Test
    void theMostUrgentComeFirst() {
        var failed = TestKeyStores.xksPublic(ConnectionState.FAILED);
        known(TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED), failed);
        assertThat(dashboard.overview(true).attention()).extracting(Attention::reason)
            .containsExactly(Reason.FAILED, Reason.DISCONNECTED);
    }

    @Test
    void eachStoreShowsItsLastChangeNotARefusalOrACheck() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        var refused = AuditEntries.entry(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, store.id(), store.name(), "bob",
                NOW.minusSeconds(10), AuditOutcome.REJECTED);
        var check = AuditEntries.entry(KeyStoreAuditAction.XKS_PREFLIGHT, store.id(), store.name(), "bob",
                NOW.minusSeconds(20), AuditOutcome.SUCCEEDED);
        var update = AuditEntries.entry(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, store.id(), store.name(), "alice",
                NOW.minusSeconds(30), AuditOutcome.SUCCEEDED,
                AuditParameter.changed("XksProxyConfiguration.UriPath", "/a", "/b"));
        given(auditLog.changeHistory(TestTargets.ref(store.id()), DashboardService.LAST_CHANGE_WINDOW))
            .willReturn(List.of(refused, check, update));

        assertThat(dashboard.overview(true).stores()).singleElement()
            .satisfies(line -> assertThat(line.lastChange()).isSameAs(update));
    }

    @Test
    void whenKmsCannotBeAskedTheFailureTakesThePlaceOfTheStoresAndTheRestStillShows() {
        given(keyStores.list(TestTargets.SANDBOX)).willThrow(new KmsCallException("DescribeCustomKeyStores",
                new KmsFailure(KmsFailureKind.THROTTLED, "ThrottlingException", "req-9")));
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        given(guidedChanges.activeRuns())
            .willReturn(List.of(GuidedRunFixtures.sample(store, RunStatus.RUNNING, 1, "", NextAction.NONE)));
        given(auditLog.page(argThat(f -> f != null && f.outcome() == AuditOutcome.PENDING), isNull(),
                anyInt()))
            .willReturn(new AuditPage(List.of(AuditEntries.entry(KeyStoreAuditAction.CONNECT_CUSTOM_KEY_STORE,
                    store.id(), "ekm-public-tenant-a", "alice", NOW.minus(Duration.ofMinutes(9)), null)), null));

        var overview = dashboard.overview(true);
        assertThat(overview.kmsFailure())
            .isEqualTo(new KmsFailure(KmsFailureKind.THROTTLED, "ThrottlingException", "req-9"));
        assertThat(overview.snapshot()).isNull();
        assertThat(overview.byState()).isEmpty();
        assertThat(overview.attention()).extracting(Attention::reason)
            .containsExactly(Reason.GUIDED_RUN, Reason.PENDING_OUTCOME);
    }

    @Test
    void whenTheAuditLogCannotBeReadItsPartsAreMarkedAndTheStatesStillShow() {
        known(TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED));
        given(auditLog.page(any(), isNull(), anyInt())).willThrow(new DataAccessResourceFailureException("down"));

        var overview = dashboard.overview(true);
        assertThat(overview.auditUnreadable()).isTrue();
        assertThat(overview.attention()).extracting(Attention::reason).containsExactly(Reason.DISCONNECTED);
        assertThat(overview.stores()).singleElement().satisfies(line -> assertThat(line.lastChange()).isNull());
    }

    @Test
    void whenTheGuidedChangesCannotBeReadTheyAreMarkedAndTheRestStillShows() {
        known(TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED));
        given(guidedChanges.activeRuns()).willThrow(new DataAccessResourceFailureException("down"));

        var overview = dashboard.overview(true);
        assertThat(overview.runsUnreadable()).isTrue();
        assertThat(overview.attention()).extracting(Attention::reason).containsExactly(Reason.DISCONNECTED);
    }

    @Test
    void anAuditorGetsTheAuditLogsFindingsLinkingToTheAuditLogAndNoKmsCall() {
        var pending = AuditEntries.entry(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, TestKeyStores.HSM_ID,
                "payments-hsm-dr", "alice", NOW.minus(Duration.ofMinutes(5)), null);
        given(auditLog.page(argThat(f -> f != null && f.outcome() == AuditOutcome.PENDING), isNull(), anyInt()))
            .willReturn(new AuditPage(List.of(pending), null));

        var overview = dashboard.overview(false);
        verify(keyStores, never()).list(org.mockito.ArgumentMatchers.any(com.cksconsole.kms.KmsTarget.class));
        verify(guidedChanges, never()).activeRuns();
        assertThat(overview.attention()).singleElement().satisfies(item -> {
            assertThat(item.title()).isEqualTo("Outcome unknown: UpdateCustomKeyStore of payments-hsm-dr");
            assertThat(item.href()).isEqualTo("/audit/" + pending.event().eventId());
        });
    }

}
