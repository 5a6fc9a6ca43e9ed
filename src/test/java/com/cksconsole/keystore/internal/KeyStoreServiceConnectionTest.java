package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.cksconsole.keystore.CannedKms;
import com.cksconsole.keystore.ConnectionChangeFailedException;
import com.cksconsole.keystore.InMemoryStoreChangeLocks;
import com.cksconsole.keystore.KeyStoreActivityAction;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KeyStoreUpdateFailedException;
import com.cksconsole.keystore.PreflightClearance;
import com.cksconsole.keystore.PreflightRequiredException;
import com.cksconsole.keystore.RecordingActivity;
import com.cksconsole.keystore.UpdateCommand;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksPreflights;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;
import com.cksconsole.xks.HealthOnlyXksProxyClient;
import com.cksconsole.xks.XksHealthCheckResult;
import com.cksconsole.xks.XksHealthReport;

/**
 * Connect, disconnect and the store change lock in the service, through the real SDK
 * against canned KMS answers: exactly which calls reach KMS, what the operator is told,
 * and what is reported.
 */
class KeyStoreServiceConnectionTest {

    private final CannedKms kms = new CannedKms();

    private final software.amazon.awssdk.services.kms.KmsClient client = kms.client();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private final InMemoryStoreChangeLocks locks = new InMemoryStoreChangeLocks();

    private final RecordingActivity activity = new RecordingActivity();

    private final KeyStoreService service = KeyStoreServices
        .over(client, clock, locks, activity,
                HealthOnlyXksProxyClient
                    .answering(
                            request -> new XksHealthCheckResult.Healthy(
                                    new XksHealthReport(1, "v", "m", "e",
                                            java.util.List
                                                .of(new XksHealthReport.EkmFleetMember("ekm", "m", "ACTIVE"))),
                                    Duration.ofMillis(5))));

    @AfterEach
    void close() {
        client.close();
        kms.close();
    }

    @Test
    void aConnectIsSentForTheStoreAndReportedBeforeAndAfter() {
        kms.answer(page("DISCONNECTED")).answer("{}");
        service.connect(TestTargets.ref("cks-1"), "olivia", null);

        assertThat(kms.requests()).extracting(CannedKms.Recorded::target)
            .as("the shared snapshot, then the call")
            .containsExactly("TrentService.DescribeCustomKeyStores", "TrentService.ConnectCustomKeyStore");
        assertThat(kms.requests()).last().satisfies(request -> {
            assertThat(request.target()).isEqualTo("TrentService.ConnectCustomKeyStore");
            assertThat(request.body()).isEqualTo("{\"CustomKeyStoreId\":\"cks-1\"}");
        });
        assertThat(activity.records()).extracting(KeyStoreActivityRecord::action, KeyStoreActivityRecord::outcome)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(KeyStoreActivityAction.CONNECT, null),
                    org.assertj.core.groups.Tuple.tuple(KeyStoreActivityAction.CONNECT,
                            KeyStoreActivityRecord.Outcome.SUCCEEDED));
        assertThat(activity.records().get(1).kmsRequestId()).isNotBlank();
        assertThat(activity.records().get(1).actor()).isEqualTo("olivia");
    }

    @Test
    void aConnectRefusedForTheStatesSakeSaysTheStateAndTheWayOut() {
        kms.answer(page("FAILED")).fail(400, "CustomKeyStoreInvalidStateException").answer(page("FAILED"));
        assertThatThrownBy(() -> service.connect(TestTargets.ref("cks-1"), "olivia", null))
            .asInstanceOf(type(ConnectionChangeFailedException.class))
            .satisfies(e -> {
                assertThat(e.current().connectionState()).isEqualTo(ConnectionState.FAILED);
                assertThat(e.explanation()).startsWith("KMS refused to connect the key store because of its "
                        + "connection state: it is FAILED. A FAILED key store must be disconnected first");
            });
        assertThat(activity.records()).last().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(KeyStoreActivityRecord.Outcome.FAILED);
            assertThat(record.errorCode()).isEqualTo("CustomKeyStoreInvalidStateException");
        });
    }

    @Test
    void aDisconnectOfADisconnectedStoreSaysThereIsNothingToDo() {
        kms.answer(page("DISCONNECTED")).fail(400, "CustomKeyStoreInvalidStateException").answer(page("DISCONNECTED"));
        assertThatThrownBy(() -> service.disconnect(TestTargets.ref("cks-1"), "olivia", null))
            .asInstanceOf(type(ConnectionChangeFailedException.class))
            .extracting(ConnectionChangeFailedException::explanation)
            .asString()
            .contains("it is already DISCONNECTED. Nothing more to do.");
    }

    @Test
    void clusterProblemsOfAConnectAreExplained() {
        kms.answer(page("DISCONNECTED"))
            .fail(400, "CloudHsmClusterInvalidConfigurationException")
            .answer(page("DISCONNECTED"));
        assertThatThrownBy(() -> service.connect(TestTargets.ref("cks-1"), "olivia", null))
            .asInstanceOf(type(ConnectionChangeFailedException.class))
            .extracting(ConnectionChangeFailedException::explanation)
            .asString()
            .contains("does not meet KMS's requirements")
            .contains("The key store stays DISCONNECTED.");
    }

    @Test
    void throttlingSaysNothingWasDone() {
        kms.answer(page("CONNECTED")).fail(400, "ThrottlingException").answer(page("CONNECTED"));
        assertThatThrownBy(() -> service.disconnect(TestTargets.ref("cks-1"), "olivia", null))
            .asInstanceOf(type(ConnectionChangeFailedException.class))
            .extracting(ConnectionChangeFailedException::explanation)
            .asString()
            .startsWith("KMS is receiving too many requests right now (ThrottlingException). Nothing was done");
    }

    @Test
    void aStoreTheSnapshotDoesNotKnowIsNotFoundWithoutAConnectCall() {
        kms.answer(CannedKms.page(null, CannedKms.entry("cks-2", "ekm-other", "DISCONNECTED")));
        assertThatThrownBy(() -> service.connect(TestTargets.ref("cks-1"), "olivia", null))
            .isInstanceOf(KeyStoreNotFoundException.class);
        assertThat(kms.requests()).extracting(CannedKms.Recorded::target)
            .containsExactly("TrentService.DescribeCustomKeyStores");
        assertThat(activity.records()).as("nothing to audit: nothing was attempted").isEmpty();
    }

    @Test
    void aStoreDeletedSinceTheSnapshotIsNotFound() {
        kms.answer(page("DISCONNECTED")).fail(400, "CustomKeyStoreNotFoundException");
        assertThatThrownBy(() -> service.connect(TestTargets.ref("cks-1"), "olivia", null))
            .isInstanceOf(KeyStoreNotFoundException.class);
    }

    @Test
    void aGuidedChangeHoldingTheStoreKeepsOthersFromConnectingButNotItself() {
        locks.acquireForRun(TestTargets.ref("cks-1"), "run-1", "dora");
        assertThatThrownBy(() -> service.disconnect(TestTargets.ref("cks-1"), "olivia", null)).isInstanceOfSatisfying(
                KeyStoreBusyException.class, e -> assertThat(e.holder().runId()).isEqualTo("run-1"));
        assertThat(kms.requests()).isEmpty();

        kms.answer("{}");
        service.disconnect(TestTargets.ref("cks-1"), "dora", "run-1");
        assertThat(kms.requests()).hasSize(1);
    }

    @Test
    void aPlainEditIsRefusedWhileAGuidedChangeHoldsTheStore() {
        kms.answer(page("CONNECTED"));
        var loaded = service.describeNow(TestTargets.ref("cks-1"));
        locks.acquireForRun(TestTargets.ref("cks-1"), "run-1", "dora");
        assertThatThrownBy(() -> service.apply(new UpdateCommand(TestTargets.ref(loaded.id()), loaded,
                XksChange.between(loaded, "ekm-b", null, null, null, null, null, null, null), null, "olivia")))
            .isInstanceOf(KeyStoreBusyException.class);
        assertThat(kms.requests()).hasSize(1);
    }

    @Test
    void aPlainEditReleasesTheStoreEvenWhenKmsRefusesIt() {
        kms.answer(page("CONNECTED"));
        var loaded = service.describeNow(TestTargets.ref("cks-1"));
        kms.answer(page("CONNECTED")).fail(400, "CustomKeyStoreNameInUseException");
        assertThatThrownBy(() -> service.apply(new UpdateCommand(TestTargets.ref(loaded.id()), loaded,
                XksChange.between(loaded, "ekm-b", null, null, null, null, null, null, null), null, "olivia")))
            .isInstanceOf(KeyStoreUpdateFailedException.class);
        assertThat(locks.holder(TestTargets.ref("cks-1"))).isEmpty();
    }

    @Test
    void aProxyChangeIsNotSentWithoutAPreflightClearanceAndItsResultIsReportedBeforeTheUpdate() {
        kms.answer(page("CONNECTED"));
        var loaded = service.describeNow(TestTargets.ref("cks-1"));
        var change = XksChange.between(loaded, null, null, "/tenant-b/kms/xks/v1", null, null, null, null, null);
        kms.answer(page("CONNECTED"));
        assertThatThrownBy(
                () -> service.apply(new UpdateCommand(TestTargets.ref(loaded.id()), loaded, change, null, "olivia")))
            .isInstanceOf(PreflightRequiredException.class);
        assertThat(kms.requests()).extracting(CannedKms.Recorded::target)
            .doesNotContain("TrentService.UpdateCustomKeyStore");

        var notRun = XksPreflights.preflight(HealthOnlyXksProxyClient.answering(request -> {
            throw new AssertionError("no secret, no call");
        }), clock).check(loaded, change, null);
        kms.answer(page("CONNECTED")).answer("{}").answer(page("CONNECTED"));
        service.apply(new UpdateCommand(TestTargets.ref(loaded.id()), loaded, change, null, "olivia", null,
                new PreflightClearance(notRun, "CHG-override")));

        assertThat(activity.records()).extracting(KeyStoreActivityRecord::action)
            .containsExactly(KeyStoreActivityAction.XKS_PREFLIGHT, KeyStoreActivityAction.XKS_PREFLIGHT_OVERRIDDEN);
        assertThat(kms.requests()).extracting(CannedKms.Recorded::target).contains("TrentService.UpdateCustomKeyStore");
        assertThat(activity.records()).filteredOn(r -> r.action() == KeyStoreActivityAction.XKS_PREFLIGHT_OVERRIDDEN)
            .singleElement()
            .satisfies(r -> assertThat(r.reason()).isEqualTo("CHG-override"));
    }

    private static String page(String state) {
        return CannedKms.page(null, CannedKms.entry("cks-1", "ekm-a", state));
    }

}
