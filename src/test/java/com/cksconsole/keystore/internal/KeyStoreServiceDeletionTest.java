package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.cksconsole.xks.HealthOnlyXksProxyClient;
import com.cksconsole.keystore.CannedKms;
import com.cksconsole.keystore.ChangeNotSentException;
import com.cksconsole.keystore.ConnectionTransitions;
import com.cksconsole.keystore.DeletionFailureMessages;
import com.cksconsole.keystore.InMemoryStoreChangeLocks;
import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.KeyStoreDeletionFailedException;
import com.cksconsole.keystore.KeyStoreDeletionRefusedException;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksPreflights;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;

/**
 * DeleteCustomKeyStore in the service, through the real SDK against canned KMS answers:
 * the fresh Describe that decides, the lock, the audit intent before the call, and each
 * KMS error in operator words.
 */
class KeyStoreServiceDeletionTest {

    private final CannedKms kms = new CannedKms();

    private final software.amazon.awssdk.services.kms.KmsClient client = kms.client();

    private final KmsGateway gateway = new KmsGateway(client);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private final RecordingKeyStoreAudit audit = new RecordingKeyStoreAudit();

    private final InMemoryStoreChangeLocks locks = new InMemoryStoreChangeLocks();

    private final KeyStoreService service = new KeyStoreService(gateway,
            new KeyStoreSnapshots(gateway, clock, Duration.ofSeconds(3)), new UpdatePolicy(false), audit, locks,
            audit.publisher(),
            new ConnectionTransitions(clock, new com.cksconsole.keystore.InMemoryConnectionTransitionRecords()),
            XksPreflights.of(HealthOnlyXksProxyClient.answering(request -> {
                throw new AssertionError("no proxy call expected");
            }), "us-east-1", Duration.ofMillis(250), clock));

    @AfterEach
    void close() {
        client.close();
        kms.close();
    }

    private static String page(String state, String name) {
        return CannedKms.page(null, CannedKms.entry("cks-1", name, state));
    }

    @Test
    void aDisconnectedStoreIsDescribedThenDeletedWithTheIntentWrittenFirst() {
        kms.answer(page("DISCONNECTED", "ekm-a")).answer("{}");

        var deleted = service.delete(TestTargets.ref("cks-1"), "ekm-a", "olivia");

        assertThat(deleted.name()).isEqualTo("ekm-a");
        assertThat(deleted.kmsRequestId()).isNotBlank();
        assertThat(kms.requests()).extracting(CannedKms.Recorded::target)
            .containsExactly("TrentService.DescribeCustomKeyStores", "TrentService.DeleteCustomKeyStore");
        assertThat(kms.requests()).last()
            .extracting(CannedKms.Recorded::body)
            .isEqualTo("{\"CustomKeyStoreId\":\"cks-1\"}");
        assertThat(audit.events).filteredOn(e -> !e.startsWith("described"))
            .containsExactly("intent delete ekm-a", "succeeded " + deleted.kmsRequestId());
        assertThat(locks.holder(TestTargets.ref("cks-1"))).as("the lock is released").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "CONNECTED", "CONNECTING", "FAILED", "DISCONNECTING" })
    void aStoreThatIsNotDisconnectedIsRefusedBeforeKmsIsCalled(String state) {
        kms.answer(page(state, "ekm-a"));

        assertThatThrownBy(() -> service.delete(TestTargets.ref("cks-1"), "ekm-a", "olivia"))
            .asInstanceOf(type(KeyStoreDeletionRefusedException.class))
            .extracting(KeyStoreDeletionRefusedException::reason)
            .isEqualTo(KeyStoreDeletionRefusedException.Reason.NOT_DISCONNECTED);
        assertThat(kms.requests()).extracting(CannedKms.Recorded::target)
            .containsExactly("TrentService.DescribeCustomKeyStores");
        assertThat(audit.events).anySatisfy(e -> assertThat(e).startsWith("rejected delete").contains(state));
        assertThat(locks.holder(TestTargets.ref("cks-1"))).isEmpty();
    }

    @Test
    void aStoreRenamedSinceThePageIsRefusedBeforeKmsIsCalled() {
        kms.answer(page("DISCONNECTED", "ekm-b"));

        assertThatThrownBy(() -> service.delete(TestTargets.ref("cks-1"), "ekm-a", "olivia"))
            .asInstanceOf(type(KeyStoreDeletionRefusedException.class))
            .extracting(KeyStoreDeletionRefusedException::reason)
            .isEqualTo(KeyStoreDeletionRefusedException.Reason.RENAMED);
        assertThat(kms.requests()).hasSize(1);
    }

    @Test
    void anUnwritableAuditLogSendsNothing() {
        kms.answer(page("DISCONNECTED", "ekm-a"));
        audit.unavailable = true;

        assertThatThrownBy(() -> service.delete(TestTargets.ref("cks-1"), "ekm-a", "olivia"))
            .isInstanceOf(ChangeNotSentException.class);
        assertThat(kms.requests()).extracting(CannedKms.Recorded::target)
            .doesNotContain("TrentService.DeleteCustomKeyStore");
        assertThat(locks.holder(TestTargets.ref("cks-1"))).isEmpty();
    }

    @Test
    void aStoreHeldByAnotherChangeIsRefusedBeforeAnythingIsRead() {
        locks.acquireForRun(TestTargets.ref("cks-1"), "run-1", "bob");

        assertThatThrownBy(() -> service.delete(TestTargets.ref("cks-1"), "ekm-a", "olivia"))
            .isInstanceOf(KeyStoreBusyException.class);
        assertThat(kms.requests()).isEmpty();
    }

    @Test
    void aStoreThatHoldsKmsKeysIsSaidPlainly() {
        kms.answer(page("DISCONNECTED", "ekm-a")).fail(400, "CustomKeyStoreHasCMKsException");

        assertThatThrownBy(() -> service.delete(TestTargets.ref("cks-1"), "ekm-a", "olivia"))
            .asInstanceOf(type(KeyStoreDeletionFailedException.class))
            .satisfies(e -> {
                assertThat(e.storeHoldsKmsKeys()).isTrue();
                assertThat(e.explanation()).startsWith(DeletionFailureMessages.HOLDS_KMS_KEYS);
            });
        assertThat(audit.events).contains("failed CustomKeyStoreHasCMKsException");
    }

    @Test
    void aStoreGoneMeanwhileIsNotFound() {
        kms.answer(page("DISCONNECTED", "ekm-a")).fail(400, "CustomKeyStoreNotFoundException");

        assertThatThrownBy(() -> service.delete(TestTargets.ref("cks-1"), "ekm-a", "olivia"))
            .isInstanceOf(KeyStoreNotFoundException.class);
    }

    @Test
    void anInvalidStateAnswerSaysTheStateNow() {
        kms.answer(page("DISCONNECTED", "ekm-a"))
            .fail(400, "CustomKeyStoreInvalidStateException")
            .answer(page("CONNECTING", "ekm-a"));

        assertThatThrownBy(() -> service.delete(TestTargets.ref("cks-1"), "ekm-a", "olivia"))
            .asInstanceOf(type(KeyStoreDeletionFailedException.class))
            .extracting(KeyStoreDeletionFailedException::explanation)
            .asString()
            .contains("KMS deletes only a DISCONNECTED key store. The key store is CONNECTING now.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = { "500|KMSInternalException|KMS had an internal error (KMSInternalException",
                    "400|ThrottlingException|KMS is receiving too many requests right now (ThrottlingException)",
                    "400|AccessDeniedException|(AccessDeniedException). Nothing was deleted. Ask an administrator" })
    void otherKmsFailuresAreSaidInPlainWords(int status, String error, String said) {
        kms.answer(page("DISCONNECTED", "ekm-a")).fail(status, error).answer(page("DISCONNECTED", "ekm-a"));

        assertThatThrownBy(() -> service.delete(TestTargets.ref("cks-1"), "ekm-a", "olivia"))
            .asInstanceOf(type(KeyStoreDeletionFailedException.class))
            .extracting(KeyStoreDeletionFailedException::explanation)
            .asString()
            .contains(said);
    }

}
