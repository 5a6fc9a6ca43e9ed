package com.cksconsole.keystore;

import com.cksconsole.kms.KmsMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditEvent;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditPage;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.audit.EventKind;
import com.cksconsole.audit.OutsideChangeAudit;
import com.cksconsole.keystore.internal.KeyStoreSnapshotCache;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.support.TestTargets;

/**
 * Outside changes against the V48 table (in H2 and in PostgreSQL, see the subclasses):
 * recorded once with old and new values, never for the console's own updates, never for a
 * Describe that overlapped a newer one, once across two console instances, and again next
 * time when the audit log could not take it.
 */
abstract class OutsideChangeDetectorContract {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final OutsideChangeAudit audit = mock(OutsideChangeAudit.class);

    private final AuditLog auditLog = mock(AuditLog.class);

    private DataSource database;

    private ObservedStoreStates states;

    private OutsideChangeDetector detector;

    /** A new, empty database. */
    abstract DataSource newDatabase();

    @BeforeEach
    void emptyTable() {
        database = newDatabase();
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/V40__guided_change_runs.sql"),
                new ClassPathResource("db/migration/V48__observed_store_state.sql"),
                new ClassPathResource("db/migration/V50__key_store_target.sql"))
            .execute(database);
        states = new ObservedStoreStates(JdbcClient.create(database));
        detector = newInstance();
        consoleUpdates();
    }

    private OutsideChangeDetector newInstance() {
        return new OutsideChangeDetector(states, audit, auditLog, new DataSourceTransactionManager(database),
                mock(KeyStoreSnapshotCache.class));
    }

    /** The console's UpdateCustomKeyStore entries the audit log returns for the store. */
    private void consoleUpdates(AuditEntry... entries) {
        given(auditLog.page(any(), isNull(), anyInt())).willReturn(new AuditPage(List.of(entries), null));
    }

    private static AuditEntry consoleUpdate(EventKind kind, AuditParameter... changes) {
        var event = new AuditEvent(7, UUID.randomUUID().toString(), kind, 7, null, T0.plusSeconds(5), "alice",
                List.of("OPERATOR"), "127.0.0.1", null, KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE.name(),
                AuditTarget.keyStore("us-east-1", "111122223333", TestKeyStores.XKS_PUBLIC_ID, "ekm-public-tenant-a"),
                List.of(changes), null, kind == EventKind.EVENT ? AuditOutcome.REJECTED : null, null, null, null, null,
                "0".repeat(64), "1".repeat(64));
        return new AuditEntry(event, null);
    }

    @SuppressWarnings("unchecked")
    private List<AuditParameter> recordedChanges() {
        ArgumentCaptor<List<AuditParameter>> changes = ArgumentCaptor.forClass(List.class);
        verify(audit).record(eq(KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE), any(), changes.capture());
        return changes.getValue();
    }

    @Test
    void aStoreSeenForTheFirstTimeIsRememberedWithoutAnEvent() {
        detector.described(TestTargets.SANDBOX, List.of(TestKeyStores.xksPublic(ConnectionState.CONNECTED)), T0);
        verify(audit, never()).record(eq(KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE), any(), anyList());
        assertThat(states.find(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID))).hasValueSatisfying(state -> {
            assertThat(state.name()).isEqualTo("ekm-public-tenant-a");
            assertThat(state.settings()).containsEntry("XksProxyConfiguration.UriPath", "/tenant-a/kms/xks/v1")
                .doesNotContainKeys("ConnectionState", "ConnectionErrorCode", "CustomKeyStoreId");
        });
    }

    @Test
    void aRenameOutsideTheConsoleIsRecordedOnceWithTheOldAndNewName() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        detector.described(TestTargets.SANDBOX, List.of(store), T0);
        var renamed = TestKeyStores.renamed(store, "renamed-with-the-cli");
        detector.described(TestTargets.SANDBOX, List.of(renamed), T0.plusSeconds(10));
        detector.described(TestTargets.SANDBOX, List.of(renamed), T0.plusSeconds(20));

        var target = ArgumentCaptor.forClass(AuditTarget.class);
        verify(audit, times(1)).record(eq(KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE), target.capture(), anyList());
        assertThat(target.getValue())
            .isEqualTo(AuditTarget.keyStore("us-east-1", "111122223333", store.id(), "renamed-with-the-cli"));
        assertThat(recordedChanges()).containsExactly(
                AuditParameter.changed("CustomKeyStoreName", "ekm-public-tenant-a", "renamed-with-the-cli"));
    }

    @Test
    void theConsolesOwnUpdateIsNotAnOutsideChange() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        detector.described(TestTargets.SANDBOX, List.of(store), T0);
        consoleUpdates(consoleUpdate(EventKind.INTENT,
                AuditParameter.changed("CustomKeyStoreName", "ekm-public-tenant-a", "renamed-by-the-console")));
        detector.described(TestTargets.SANDBOX, List.of(TestKeyStores.renamed(store, "renamed-by-the-console")),
                T0.plusSeconds(10));

        verify(audit, never()).record(eq(KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE), any(), anyList());
        assertThat(states.find(TestTargets.ref(store.id())).orElseThrow().name()).isEqualTo("renamed-by-the-console");
    }

    @Test
    void anUpdateTheConsoleRefusedExplainsNothing() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        detector.described(TestTargets.SANDBOX, List.of(store), T0);
        consoleUpdates(consoleUpdate(EventKind.EVENT,
                AuditParameter.changed("CustomKeyStoreName", "ekm-public-tenant-a", "renamed")));
        detector.described(TestTargets.SANDBOX, List.of(TestKeyStores.renamed(store, "renamed")), T0.plusSeconds(10));

        assertThat(recordedChanges()).extracting(AuditParameter::after).containsExactly("renamed");
    }

    @Test
    void onlyTheDifferencesTheConsoleDidNotMakeAreRecorded() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);
        detector.described(TestTargets.SANDBOX, List.of(store), T0);
        consoleUpdates(consoleUpdate(EventKind.INTENT,
                AuditParameter.changed("CustomKeyStoreName", "ekm-public-tenant-a", "by-the-console")));
        var both = new CustomKeyStore(store.id(), "by-the-console", store.type(), store.connectionState(), null,
                store.creationDate(), null, null,
                new XksProxySettings(XksConnectivity.PUBLIC_ENDPOINT, "https://xks-public.sandbox.example.com",
                        "/changed-by-cli/kms/xks/v1", "SANDBOXTENANTAKEYID234", null, null));
        detector.described(TestTargets.SANDBOX, List.of(both), T0.plusSeconds(10));

        assertThat(recordedChanges()).containsExactly(AuditParameter.changed("XksProxyConfiguration.UriPath",
                "/tenant-a/kms/xks/v1", "/changed-by-cli/kms/xks/v1"));
    }

    @Test
    void aMoveToAPublicEndpointByTheConsoleExplainsTheVpcServiceKmsClears() {
        var store = TestKeyStores.xksVpc(ConnectionState.DISCONNECTED);
        detector.described(TestTargets.SANDBOX, List.of(store), T0);
        consoleUpdates(consoleUpdate(EventKind.INTENT,
                AuditParameter.changed("XksProxyConfiguration.Connectivity", "VPC_ENDPOINT_SERVICE", "PUBLIC_ENDPOINT"),
                AuditParameter.changed("XksProxyConfiguration.UriEndpoint", "https://xks-private.sandbox.example.com",
                        "https://xks-public.sandbox.example.com")));
        var moved = new CustomKeyStore(store.id(), store.name(), store.type(), store.connectionState(), null,
                store.creationDate(), null, null, new XksProxySettings(XksConnectivity.PUBLIC_ENDPOINT,
                        "https://xks-public.sandbox.example.com", "/kms/xks/v1", "SANDBOXPRIVATEKEYID234", null, null));
        detector.described(TestTargets.SANDBOX, List.of(moved), T0.plusSeconds(10));

        verify(audit, never()).record(eq(KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE), any(), anyList());
    }

    @Test
    void aConnectionStateChangeIsNoOutsideChangeButItsTimeIsKept() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        detector.described(TestTargets.SANDBOX, List.of(store), T0);
        detector.described(TestTargets.SANDBOX, List.of(TestKeyStores.inState(store, ConnectionState.DISCONNECTING)),
                T0.plusSeconds(10));

        verify(audit, never()).record(eq(KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE), any(), anyList());
        assertThat(states.find(TestTargets.ref(store.id()))).hasValueSatisfying(state -> {
            assertThat(state.connectionState()).isEqualTo(ConnectionState.DISCONNECTING);
            assertThat(state.stateSince()).isEqualTo(T0.plusSeconds(10));
            assertThat(state.settingsSince()).isEqualTo(T0);
        });
    }

    @Test
    void aDescribeThatStartedBeforeTheRecordedOneIsIgnored() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        detector.described(TestTargets.SANDBOX, List.of(store), T0);
        consoleUpdates(consoleUpdate(EventKind.INTENT,
                AuditParameter.changed("CustomKeyStoreName", "ekm-public-tenant-a", "new-name")));
        detector.described(TestTargets.SANDBOX, List.of(TestKeyStores.renamed(store, "new-name")), T0.plusSeconds(20));
        // An older answer arriving late still shows the old name: not a rename back.
        detector.described(TestTargets.SANDBOX, List.of(store), T0.plusSeconds(15));

        verify(audit, never()).record(eq(KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE), any(), anyList());
        assertThat(states.find(TestTargets.ref(store.id())).orElseThrow().name()).isEqualTo("new-name");
    }

    @Test
    void twoConsoleInstancesSeeingTheSameRenameRecordItOnce() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        var other = newInstance();
        detector.described(TestTargets.SANDBOX, List.of(store), T0);
        other.described(TestTargets.SANDBOX, List.of(store), T0.plusSeconds(1));
        var renamed = TestKeyStores.renamed(store, "renamed-once");
        detector.described(TestTargets.SANDBOX, List.of(renamed), T0.plusSeconds(10));
        other.described(TestTargets.SANDBOX, List.of(renamed), T0.plusSeconds(11));

        verify(audit, times(1)).record(eq(KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE), any(), anyList());
    }

    @Test
    void whenTheAuditLogCannotTakeTheEventNothingMovesAndTheNextDescribeRecordsIt() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        detector.described(TestTargets.SANDBOX, List.of(store), T0);
        willThrow(new AuditUnavailableException("down", new RuntimeException())).given(audit)
            .record(eq(KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE), any(), anyList());
        var renamed = TestKeyStores.renamed(store, "renamed-while-the-log-was-down");
        detector.described(TestTargets.SANDBOX, List.of(renamed), T0.plusSeconds(10));
        assertThat(states.find(TestTargets.ref(store.id())).orElseThrow().name()).as("rolled back with the event")
            .isEqualTo("ekm-public-tenant-a");

        org.mockito.Mockito.reset(audit);
        detector.described(TestTargets.SANDBOX, List.of(renamed), T0.plusSeconds(20));
        verify(audit).record(eq(KeyStoreAuditAction.CHANGED_OUTSIDE_CONSOLE),
                eq(AuditTarget.keyStore("us-east-1", "111122223333", store.id(), "renamed-while-the-log-was-down")),
                anyList());
        assertThat(states.find(TestTargets.ref(store.id())).orElseThrow().name())
            .isEqualTo("renamed-while-the-log-was-down");
    }

}
