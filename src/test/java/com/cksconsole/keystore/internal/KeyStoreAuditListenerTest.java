package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditFixture;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.audit.SwitchableDataSource;
import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreActivityAction;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.KeyStoreEvents;
import com.cksconsole.keystore.ObservedStoreStates;
import com.cksconsole.keystore.Secret;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;

/**
 * The keystore module's audit adapter on a real audit log (H2): the port writes the
 * intent before KMS (fail closed), and the listener writes each one-way event, delivered
 * by a Spring event multicaster as the application delivers them.
 */
class KeyStoreAuditListenerTest {

    private static final String ID = "cks-1234567890abcdef0";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private final SwitchableDataSource database = new SwitchableDataSource(new DriverManagerDataSource(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", ""));

    private final AuditFixture audit = AuditFixture.migrated(database, clock);

    private final KeyStoreAuditing auditing = new KeyStoreAuditing(audit.trail, mock(ObservedStoreStates.class));

    private final StaticApplicationContext context = new StaticApplicationContext();

    private final CustomKeyStore store = new CustomKeyStore(ID, "finance", KeyStoreType.AWS_CLOUDHSM,
            ConnectionState.CONNECTED, null, clock.instant(), "cluster-1234567", null, null);

    @BeforeEach
    void listen() {
        context.getBeanFactory().registerSingleton("listener", new KeyStoreAuditListener(auditing));
        context.registerBean(org.springframework.context.event.EventListenerMethodProcessor.class);
        context.registerBean(org.springframework.context.event.DefaultEventListenerFactory.class);
        context.refresh();
    }

    @Test
    void aRefusedUpdateIsRecordedAsRejectedWithItsReasons() {
        context.publishEvent(new KeyStoreEvents.UpdateRefused(TestTargets.ref(ID), store,
                new CloudHsmChange("finance-eu", null, null), "CHG-1", List.of("The key store is CONNECTED")));

        var entry = only();
        assertThat(entry.event().action()).isEqualTo("UPDATE_CUSTOM_KEY_STORE");
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.REJECTED);
        assertThat(entry.event().target().accountId()).isEqualTo(TestTargets.SANDBOX.accountId());
        assertThat(entry.event().target().region()).isEqualTo(TestTargets.SANDBOX.region());
        assertThat(entry.event().reason()).isEqualTo("CHG-1");
    }

    @Test
    void anImportIsRecordedAcceptedOrRefused() {
        var file = new ProxyConfigurationSource(ProxyConfigurationSource.Origin.UPLOADED_FILE, "proxy.json", 10,
                "0".repeat(64));
        context.publishEvent(new KeyStoreEvents.ProxyConfigurationRead(TestTargets.ref(ID), store, file, List.of()));
        context.publishEvent(
                new KeyStoreEvents.ProxyConfigurationRead(TestTargets.ref(ID), store, file, List.of("Not JSON")));

        assertThat(entries()).extracting(e -> e.event().action()).containsOnly("IMPORT_PROXY_CONFIGURATION").hasSize(2);
        assertThat(entries()).extracting(AuditEntry::outcome)
            .containsExactlyInAnyOrder(AuditOutcome.SUCCEEDED, AuditOutcome.REJECTED);
    }

    @Test
    void aGuidedStepARequestAndAPreflightResultAreRecordedWithTheirOutcome() {
        var ref = TestTargets.ref(ID);
        context.publishEvent(KeyStoreActivityRecord.intent(KeyStoreActivityAction.GUIDED_STEP, ref, "olivia", "run-1")
            .with("step", "DISCONNECT")
            .with("status", "DONE")
            .succeeded(null));
        context.publishEvent(KeyStoreActivityRecord
            .intent(KeyStoreActivityAction.GUIDED_RUN_CANCEL_REQUESTED, ref, "olivia", "run-1")
            .noted());
        context.publishEvent(KeyStoreActivityRecord.intent(KeyStoreActivityAction.XKS_PREFLIGHT, ref, "olivia", null)
            .failed("TIMED_OUT", null));

        assertThat(entries()).extracting(e -> e.event().action(), AuditEntry::outcome)
            .containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("GUIDED_CHANGE_STEP", AuditOutcome.SUCCEEDED),
                    org.assertj.core.groups.Tuple.tuple("GUIDED_CHANGE_REQUEST", AuditOutcome.SUCCEEDED),
                    org.assertj.core.groups.Tuple.tuple("XKS_PREFLIGHT", AuditOutcome.FAILED));
    }

    @Test
    void intentsAndConnectionCallsAreLeftToThePort() {
        var ref = TestTargets.ref(ID);
        var connect = KeyStoreActivityRecord.intent(KeyStoreActivityAction.CONNECT, ref, "olivia", null);
        context.publishEvent(connect);
        context.publishEvent(connect.succeeded("req-1"));
        context.publishEvent(KeyStoreActivityRecord.intent(KeyStoreActivityAction.GUIDED_STEP, ref, "olivia", "r"));

        assertThat(entries()).isEmpty();
    }

    @Test
    void aFreshDescribeSettlesALostOutcomeOfItsOwnTargetOnly() {
        var handle = audit.trail.begin(auditing.updateIntent(TestTargets.ref(ID), store,
                new CloudHsmChange("finance-eu", null, null), null, null));
        database.fail();
        assertThat(handle.succeeded("req-lost")).isFalse();
        database.recover();
        clock.advance(java.time.Duration.ofMinutes(3));
        var renamed = new CustomKeyStore(ID, "finance-eu", KeyStoreType.AWS_CLOUDHSM, ConnectionState.CONNECTED, null,
                clock.instant(), "cluster-1234567", null, null);

        context.publishEvent(new KeyStoreEvents.StoresDescribed(
                new com.cksconsole.kms.KmsTarget("444455556666", "us-east-1"), List.of(renamed)));
        assertThat(only().outcome()).isEqualTo(AuditOutcome.PENDING);

        context.publishEvent(new KeyStoreEvents.StoresDescribed(TestTargets.SANDBOX, List.of(renamed)));
        assertThat(only().outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
    }

    @Test
    void aDescribeNeverFailsBecauseOfTheAuditLog() {
        database.fail();
        assertThatCode(
                () -> context.publishEvent(new KeyStoreEvents.StoresDescribed(TestTargets.SANDBOX, List.of(store))))
            .doesNotThrowAnyException();
        database.recover();
    }

    @Test
    void aOneWayEventThatCannotBeWrittenFailsItsPublisherAsBefore() {
        database.fail();
        assertThatThrownBy(() -> context
            .publishEvent(new KeyStoreEvents.UpdateRefused(TestTargets.ref(ID), store, null, null, List.of("refused"))))
            .isInstanceOf(AuditUnavailableException.class);
        assertThatThrownBy(() -> context.publishEvent(KeyStoreActivityRecord
            .intent(KeyStoreActivityAction.GUIDED_RUN_CANCEL_REQUESTED, TestTargets.ref(ID), "olivia", "run-1")
            .noted())).isInstanceOf(AuditUnavailableException.class);
        database.recover();
    }

    @Test
    void aConnectionCallIsNotSentWhenItsIntentCannotBeWritten() {
        var sent = new AtomicBoolean();
        database.fail();
        assertThatThrownBy(() -> auditing.auditedConnection(
                KeyStoreActivityRecord.intent(KeyStoreActivityAction.CONNECT, TestTargets.ref(ID), "olivia", null),
                () -> {
                    sent.set(true);
                    return "req-1";
                }))
            .isInstanceOf(AuditUnavailableException.class);
        database.recover();
        assertThat(sent).isFalse();
        assertThat(entries()).isEmpty();
    }

    @Test
    void anUpdateIsNotSentWhenItsIntentCannotBeWritten() {
        var sent = new AtomicBoolean();
        database.fail();
        assertThatThrownBy(() -> auditing.auditedUpdate(TestTargets.ref(ID), store,
                new CloudHsmChange(null, Secret.of("new-password"), null), null, null, () -> {
                    sent.set(true);
                    return "req-1";
                }))
            .isInstanceOf(AuditUnavailableException.class);
        database.recover();
        assertThat(sent).isFalse();
    }

    @Test
    void aConnectionCallIsRecordedIntentThenOutcome() {
        String requestId = auditing.auditedConnection(
                KeyStoreActivityRecord.intent(KeyStoreActivityAction.DISCONNECT, TestTargets.ref(ID), "olivia", null),
                () -> "req-7");

        assertThat(requestId).isEqualTo("req-7");
        var entry = only();
        assertThat(entry.event().action()).isEqualTo("DISCONNECT_CUSTOM_KEY_STORE");
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(entry.kmsRequestId()).isEqualTo("req-7");
    }

    private List<AuditEntry> entries() {
        return audit.log.page(AuditFixture.ALL_EVENTS, null, 50).entries();
    }

    private AuditEntry only() {
        var entries = entries();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

}
