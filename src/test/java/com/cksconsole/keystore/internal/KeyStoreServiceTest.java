package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.cksconsole.xks.HealthOnlyXksProxyClient;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.keystore.CannedKms;
import com.cksconsole.keystore.ChangeNotSentException;
import com.cksconsole.keystore.ConnectionTransitions;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.InMemoryStoreChangeLocks;
import com.cksconsole.keystore.KeyStoreChangedException;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KeyStoreUpdateFailedException;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsProperties;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.PropertyDifference;
import com.cksconsole.keystore.RecordingActivity;
import com.cksconsole.keystore.StoreLockHolder;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.UpdateCommand;
import com.cksconsole.keystore.UpdateNotAllowedException;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksPreflight;
import com.cksconsole.keystore.XksPreflights;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KmsMode;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;

/**
 * Applying a reviewed change: the checks right before sending, and exactly which calls
 * reach KMS.
 */
class KeyStoreServiceTest {

    private final CannedKms kms = new CannedKms();

    private final software.amazon.awssdk.services.kms.KmsClient client = kms.client();

    private final KmsGateway gateway = new KmsGateway(client);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private final KeyStoreSnapshots cache = new KeyStoreSnapshots(gateway, clock, Duration.ofSeconds(3));

    private final RecordingKeyStoreAudit audit = new RecordingKeyStoreAudit();

    private final KeyStoreService service = new KeyStoreService(gateway, cache, new UpdatePolicy(false), audit,
            new InMemoryStoreChangeLocks(), audit.publisher(),
            new ConnectionTransitions(clock, new com.cksconsole.keystore.InMemoryConnectionTransitionRecords()),
            XksPreflights.of(HealthOnlyXksProxyClient.answering(request -> {
                throw new AssertionError("no proxy call expected");
            }), "us-east-1", Duration.ofMillis(250), clock));

    @AfterEach
    void close() {
        client.close();
        kms.close();
    }

    @Test
    void anAppliedChangeIsDescribedBeforeAndAfterAndSentWithTheChangedMembersOnly() {
        var loaded = load("CONNECTED", "ekm-a");
        kms.answer(page("CONNECTED", "ekm-a")).answer("{}").answer(page("CONNECTED", "ekm-renamed"));
        var outcome = service.apply(new UpdateCommand(TestTargets.ref(loaded.id()), loaded,
                XksChange.between(loaded, "ekm-renamed", null, null, null, null, null, null, null), "CHG-1", "alice"));
        assertThat(outcome.before().name()).isEqualTo("ekm-a");
        assertThat(outcome.after().name()).isEqualTo("ekm-renamed");
        assertThat(outcome.reason()).isEqualTo("CHG-1");
        assertThat(kms.requests()).extracting(CannedKms.Recorded::target)
            .endsWith("TrentService.DescribeCustomKeyStores", "TrentService.UpdateCustomKeyStore",
                    "TrentService.DescribeCustomKeyStores");
    }

    @Test
    void aStoreChangedSinceLoadingIsNotUpdatedAndTheDifferencesAreReported() {
        var loaded = load("CONNECTED", "ekm-a");
        kms.answer(page("CONNECTED", "ekm-changed-by-someone-else"));
        assertThatThrownBy(() -> service.apply(new UpdateCommand(TestTargets.ref(loaded.id()), loaded,
                XksChange.between(loaded, null, null, "/tenant-b/kms/xks/v1", null, null, null, null, null), null,
                "alice")))
            .asInstanceOf(type(KeyStoreChangedException.class))
            .satisfies(e -> assertThat(e.differences())
                .containsExactly(new PropertyDifference("Name", "ekm-a", "ekm-changed-by-someone-else")));
        assertThat(kms.requests()).extracting(CannedKms.Recorded::target)
            .doesNotContain("TrentService.UpdateCustomKeyStore");
    }

    @Test
    void anAppliedChangeIsAuditedAsIntentThenOutcomeWithTheKmsRequestId() {
        var loaded = load("CONNECTED", "ekm-a");
        kms.answer(page("CONNECTED", "ekm-a")).answer("{}").answer(page("CONNECTED", "ekm-renamed"));
        service.apply(new UpdateCommand(TestTargets.ref(loaded.id()), loaded,
                XksChange.between(loaded, "ekm-renamed", null, null, null, null, null, null, null), null, "alice"));
        assertThat(audit.events).filteredOn(e -> !e.startsWith("described")).hasSize(2).satisfies(events -> {
            assertThat(events.get(0)).isEqualTo("intent [NAME]");
            assertThat(events.get(1)).startsWith("succeeded ").doesNotEndWith("null");
        });
    }

    @Test
    void nothingIsSentWhenTheAuditLogCannotRecordTheIntent() {
        var loaded = load("CONNECTED", "ekm-a");
        audit.unavailable = true;
        kms.answer(page("CONNECTED", "ekm-a"));
        assertThatThrownBy(() -> service.apply(new UpdateCommand(TestTargets.ref(loaded.id()), loaded,
                XksChange.between(loaded, "ekm-renamed", null, null, null, null, null, null, null), null, "alice")))
            .isInstanceOf(ChangeNotSentException.class)
            .hasCauseInstanceOf(com.cksconsole.audit.AuditUnavailableException.class);
        assertThat(kms.requests()).extracting(CannedKms.Recorded::target)
            .doesNotContain("TrentService.UpdateCustomKeyStore");
    }

    @Test
    void aChangeRefusedByTheStateRulesIsAuditedAsRejected() {
        var loaded = load("CONNECTED", "ekm-a");
        kms.answer(page("CONNECTED", "ekm-a"));
        assertThatThrownBy(
                () -> service.apply(
                        new UpdateCommand(TestTargets.ref(loaded.id()), loaded,
                                XksChange.between(loaded, null, "https://xks-lab.sandbox.example.com", null, null, null,
                                        null, null, null),
                                null, "alice")))
            .isInstanceOf(UpdateNotAllowedException.class);
        assertThat(audit.events).anySatisfy(e -> assertThat(e).startsWith("rejected ").contains("DISCONNECTED"));
    }

    @Test
    void theStateRulesAreCheckedAgainRightBeforeSending() {
        var loaded = load("CONNECTED", "ekm-a");
        kms.answer(page("CONNECTED", "ekm-a"));
        assertThatThrownBy(() -> service.apply(new UpdateCommand(TestTargets.ref(loaded.id()), loaded,
                XksChange.between(loaded, null, "https://xks-lab.sandbox.example.com", null, null, null, null, null,
                        null),
                null, "alice")))
            .asInstanceOf(type(UpdateNotAllowedException.class))
            .satisfies(e -> assertThat(e.refusals()).containsOnlyKeys(UpdatableProperty.XKS_URI_ENDPOINT));
        assertThat(kms.requests()).extracting(CannedKms.Recorded::target)
            .doesNotContain("TrentService.UpdateCustomKeyStore");
    }

    @Test
    void anInvalidStateRefusalComesWithTheStoreAsItIsNow() {
        var loaded = load("CONNECTED", "ekm-a");
        kms.answer(page("CONNECTED", "ekm-a"))
            .fail(400, "CustomKeyStoreInvalidStateException")
            .answer(page("DISCONNECTING", "ekm-a"));
        assertThatThrownBy(() -> service.apply(new UpdateCommand(TestTargets.ref(loaded.id()), loaded,
                XksChange.between(loaded, "ekm-b", null, null, null, null, null, null, null), null, "alice")))
            .asInstanceOf(type(KeyStoreUpdateFailedException.class))
            .satisfies(e -> assertThat(e.current().connectionState()).isEqualTo(ConnectionState.DISCONNECTING));
    }

    @Test
    void aStoreThatIsGoneIsReportedAsNotFound() {
        var loaded = load("CONNECTED", "ekm-a");
        kms.fail(400, "CustomKeyStoreNotFoundException");
        assertThatThrownBy(() -> service.apply(new UpdateCommand(TestTargets.ref(loaded.id()), loaded,
                XksChange.between(loaded, "ekm-b", null, null, null, null, null, null, null), null, "alice")))
            .isInstanceOf(KeyStoreNotFoundException.class);
    }

    @Test
    void anEmptyChangeIsNeverSent() {
        var loaded = load("CONNECTED", "ekm-a");
        assertThatThrownBy(() -> service.apply(new UpdateCommand(TestTargets.ref(loaded.id()), loaded,
                XksChange.between(loaded, "ekm-a", null, null, null, null, null, null, null), null, "alice")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(kms.requests()).hasSize(1);
    }

    @Test
    void anUnknownIdIsNotFoundWithoutAskingKmsWhenItCannotBeAnId() {
        // Made-up IDs from a URL become no reference at all: nothing to find (and no
        // Describe).
        assertThat(KeyStoreRef.plausibleId("x".repeat(65))).isFalse();
        assertThat(kms.requests()).isEmpty();
    }

    @Test
    void anIdTheSnapshotDoesNotKnowIsNotFoundWithoutADescribeOfItsOwn() {
        kms.answer(page("CONNECTED", "ekm-a"));
        assertThat(service.find(TestTargets.ref("cks-1")).store().name()).isEqualTo("ekm-a");

        assertThatThrownBy(() -> service.find(TestTargets.ref("cks-00000000000000099")))
            .isInstanceOf(KeyStoreNotFoundException.class);
        assertThat(kms.requests()).as("the one shared snapshot only").hasSize(1);
    }

    @Test
    void anIdTheLastKnownSnapshotDoesNotKnowIsNoVerdictWhileKmsCannotBeAsked() {
        kms.answer(page("CONNECTED", "ekm-a"));
        service.find(TestTargets.ref("cks-1"));
        clock.advance(Duration.ofSeconds(3));
        kms.fail(400, "ThrottlingException");

        assertThatThrownBy(() -> service.find(TestTargets.ref("cks-00000000000000099")))
            .isInstanceOf(KmsCallException.class);
        assertThat(service.find(TestTargets.ref("cks-1")).snapshot().stale()).isTrue();
    }

    @Test
    void aLockThatCannotBeReleasedDoesNotHideWhyTheApplyFailed() {
        var releaseFailed = new org.springframework.dao.DataAccessResourceFailureException("database gone");
        var locks = new InMemoryStoreChangeLocks() {
            @Override
            public void releaseEdit(StoreLockHolder hold) {
                throw releaseFailed;
            }
        };
        var failingRelease = new KeyStoreService(gateway, cache, new UpdatePolicy(false), audit, locks,
                audit.publisher(),
                new ConnectionTransitions(clock, new com.cksconsole.keystore.InMemoryConnectionTransitionRecords()),
                XksPreflights.of(HealthOnlyXksProxyClient.answering(request -> {
                    throw new AssertionError("no proxy call expected");
                }), "us-east-1", Duration.ofMillis(250), clock));
        var loaded = load("CONNECTED", "ekm-a");
        kms.answer(page("CONNECTED", "ekm-a")).fail(400, "CustomKeyStoreNameInUseException");

        assertThatThrownBy(() -> failingRelease.apply(new UpdateCommand(TestTargets.ref(loaded.id()), loaded,
                XksChange.between(loaded, "ekm-b", null, null, null, null, null, null, null), null, "alice")))
            .isInstanceOf(KeyStoreUpdateFailedException.class)
            .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(releaseFailed));
    }

    private CustomKeyStore load(String state, String name) {
        kms.answer(page(state, name));
        return gateway.describe(TestTargets.ref("cks-1"));
    }

    private static String page(String state, String name) {
        return CannedKms.page(null, CannedKms.entry("cks-1", name, state));
    }

}
