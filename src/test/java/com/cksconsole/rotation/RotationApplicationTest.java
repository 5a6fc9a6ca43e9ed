package com.cksconsole.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;
import tools.jackson.databind.json.JsonMapper;

import com.cksconsole.audit.AuditTrail;
import com.cksconsole.health.credentials.MonitoringCredentials;
import com.cksconsole.keystore.KeyStoreChanges;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.XksCredential;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.sandbox.kms.SandboxKmsFaults;
import com.cksconsole.sandbox.xksproxy.SandboxProxyCredentials;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.TestTargets;

/**
 * Whole credential rotations against the KMS sandbox and its XKS proxy, through the real
 * SDK and the console's own XKS client, on a store of this test's own (prefix
 * {@code /rotation-test}). The soak lasts a minute and step 3's deadline two, on an
 * application clock the test moves forward ({@link OffsetClock}), so they end exactly
 * when the test says; the runner's checks run on their own threads and the test polls for
 * the state it waits for.
 */
@ConsoleApplicationTest
@Import(RotationApplicationTest.Config.class)
@TestPropertySource(properties = { "console.rotation.soak=1m", "console.rotation.prove-deadline=2m" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class RotationApplicationTest {

    static final String PREFIX = "/rotation-test";

    static final String OLD_ID = "ROTATIONTESTOLDKEYID2345";

    static final String OLD_SECRET = "cm90YXRpb24tdGVzdC1vbGQtc2VjcmV0LW5vdC1yZWFsISE=";

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        @Primary
        OffsetClock rotationTestClock() {
            return new OffsetClock();
        }

    }

    /**
     * Real time plus an offset the test moves forward: the sandbox's connection
     * transitions settle (they wait for real time to pass on this clock), while a
     * deadline or the end of the soak comes when the test moves the clock past it. The
     * offset stays well under the five minutes SigV4 allows between a request's date and
     * the sandbox's clock.
     */
    static final class OffsetClock extends java.time.Clock {

        private volatile Duration offset = Duration.ZERO;

        void advance(Duration duration) {
            offset = offset.plus(duration);
        }

        void reset() {
            offset = Duration.ZERO;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("tests use UTC");
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

    }

    @Autowired
    ApplicationContext context;

    @Autowired
    OffsetClock clock;

    @Autowired
    CredentialRotations rotations;

    @Autowired
    RotationRepository repository;

    @Autowired
    RotationRunner runner;

    @Autowired
    SandboxProxyCredentials proxy;

    @Autowired
    SandboxKmsFaults faults;

    @Autowired
    com.cksconsole.keystore.ProxyCredentialAges credentialAges;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KeyStoreReads reads;

    @Autowired
    KeyStoreChanges changes;

    @Autowired
    ProxyChecks checks;

    @Autowired
    RotationJournal journal;

    @Autowired
    RotationProperties properties;

    @Autowired
    MonitoringCredentials monitoring;

    @Autowired
    AuditTrail audit;

    @Autowired
    com.cksconsole.health.credentials.SecretSealer sealer;

    private SeededKeyStores sandbox;

    private KmsClient kms;

    private String storeId;

    private KeyStoreRef store;

    /** Credentials a test added to the proxy, removed again after it. */
    private final List<String> added = new ArrayList<>();

    @BeforeAll
    void createTheStore() {
        clock.reset();
        sandbox = SeededKeyStores.of(context);
        kms = KeyStoreServices.defaultClient(context);
        storeId = kms
            .createCustomKeyStore(r -> r.customKeyStoreName("rotation-test-store")
                .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
                .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
                .xksProxyUriEndpoint("https://xks-public.sandbox.example.com")
                .xksProxyUriPath(PREFIX + "/kms/xks/v1")
                .xksProxyAuthenticationCredential(c -> c.accessKeyId(OLD_ID).rawSecretAccessKey(OLD_SECRET)))
            .customKeyStoreId();
        store = TestTargets.ref(storeId);
        sandbox.ensureConnected(storeId);
    }

    @BeforeEach
    void realTime() {
        clock.reset();
    }

    /**
     * Ends any run left active, and puts the store and the proxy back: the proxy accepts
     * the old credential (only), KMS uses it, CONNECTED.
     */
    @AfterEach
    void restore() {
        clock.reset();
        faults.clear();
        if (!runner.isRunning()) {
            runner.start();
        }
        rotations.active(store).ifPresent(run -> {
            if (run.cancellable()) {
                rotations.cancel(run, "test");
            }
            else {
                repository.move(run.id(), java.util.EnumSet.allOf(RotationStatus.class), RotationStatus.FAILED,
                        RotationRepository.columns(), clock.instant());
            }
        });
        proxy.add(PREFIX, OLD_ID, OLD_SECRET);
        sandbox.ensureConnected(storeId);
        sandbox.update(software.amazon.awssdk.services.kms.model.UpdateCustomKeyStoreRequest.builder()
            .customKeyStoreId(storeId)
            .xksProxyAuthenticationCredential(c -> c.accessKeyId(OLD_ID).rawSecretAccessKey(OLD_SECRET)));
        for (String id : added) {
            proxy.remove(PREFIX, id);
        }
        added.clear();
        reads.forgetSnapshot();
    }

    @AfterAll
    void deleteTheStore() {
        clock.reset();
        if (storeId != null) {
            sandbox.ensureDisconnected(storeId);
            kms.deleteCustomKeyStore(r -> r.customKeyStoreId(storeId));
            reads.forgetSnapshot();
        }
    }

    // --- helpers

    private RotationRun awaitStatus(String runId, RotationStatus... statuses) {
        var wanted = java.util.Set.of(statuses);
        return await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(25))
            .until(() -> repository.find(runId).orElseThrow(), run -> wanted.contains(run.status()));
    }

    /**
     * Steps 1 and 2: a generated credential, its file downloaded and installed on the
     * proxy.
     */
    private Installed startAndInstall() {
        var run = rotations.start(store, "olivia", "CHG-1818", null);
        var file = rotations.downloadConfiguration(run, "olivia").orElseThrow();
        var credential = JSON.readTree(file).get("XksProxyAuthenticationCredential");
        String id = credential.get("AccessKeyId").asString();
        String secret = credential.get("RawSecretAccessKey").asString();
        proxy.add(PREFIX, id, secret);
        added.add(id);
        return new Installed(repository.find(run.id()).orElseThrow(), id, secret);
    }

    record Installed(RotationRun run, String newId, String newSecret) {
    }

    private String accessKeyIdKmsUses() {
        return sandbox.describe(storeId).xksProxyConfiguration().accessKeyId();
    }

    private List<String> auditActions(String runId) {
        return jdbc.sql("select action from audit_event where parameters like ? order by seq")
            .param("%" + runId + "%")
            .query(String.class)
            .list();
    }

    /**
     * Everything the console keeps of rotations and the audit log, as text (H2's SCRIPT).
     * The sandbox's own tables stand for AWS, which does hold the proxy secret.
     */
    private String consoleRecords() {
        return String.join("\n",
                jdbc.sql("script table credential_rotation_run, credential_rotation_event, audit_event")
                    .query((rs, row) -> rs.getString(1))
                    .list());
    }

    // --- the whole run

    @Test
    void aGeneratedCredentialGoesThroughAllSevenStepsAndTheOldOneIsProvenRefused(CapturedOutput output) {
        var installed = startAndInstall();
        var run = installed.run();
        assertThat(run.status()).isEqualTo(RotationStatus.AWAITING_INSTALL);
        assertThat(run.newAccessKeyId()).isEqualTo(installed.newId()).matches("[A-Z2-7]{24}");
        assertThat(installed.newSecret()).hasSize(44);
        assertThat(run.oldAccessKeyId()).isEqualTo(OLD_ID);

        rotations.confirmInstalled(run, "olivia");
        var soaking = awaitStatus(run.id(), RotationStatus.SOAKING);
        assertThat(accessKeyIdKmsUses()).as("step 4 moved KMS").isEqualTo(installed.newId());
        var change = credentialAges.last(store).orElseThrow();
        assertThat(change.accessKeyId()).as("the credential's age starts again").isEqualTo(installed.newId());
        assertThat(change.source()).isEqualTo(com.cksconsole.keystore.ProxyCredentialChange.Source.CONSOLE);
        assertThat(Duration.between(change.changedAt(), soaking.updatedAtKms()).abs())
            .isLessThan(Duration.ofSeconds(5));
        assertThat(soaking.provedAt()).isNotNull();
        assertThat(soaking.cancellable()).as("no cancel after the update").isFalse();
        assertThatThrownBy(() -> rotations.cancel(soaking, "olivia")).isInstanceOf(RotationRefusedException.class)
            .hasMessageContaining("no longer be cancelled");

        clock.advance(properties.soak().plusSeconds(1));
        var retiring = awaitStatus(run.id(), RotationStatus.AWAITING_RETIREMENT);

        // The old credential is not known to the console: it asks for it, or for the
        // operator's word.
        assertThatThrownBy(() -> rotations.confirmRetired(retiring, "olivia", null, false)).isInstanceOfSatisfying(
                RotationRefusedException.class, refused -> assertThat(refused.field()).isEqualTo("oldSecret"));
        // The proxy still accepts it: not done.
        assertThatThrownBy(() -> rotations.confirmRetired(retiring, "olivia", Secret.of(OLD_SECRET), false))
            .isInstanceOf(RotationRefusedException.class)
            .hasMessageContaining("still accepts " + OLD_ID);

        proxy.remove(PREFIX, OLD_ID);
        var done = rotations.confirmRetired(retiring, "olivia", Secret.of(OLD_SECRET), false);

        assertThat(done.status()).isEqualTo(RotationStatus.COMPLETED);
        assertThat(done.oldRefusal()).isEqualTo(CredentialRotations.PROVEN_REFUSED);
        assertThat(done.outcome()).contains("refuses " + OLD_ID);
        assertThat(rotations.active(store)).isEmpty();
        assertThat(repository.sealed(run.id())).as("the held secret is gone with the run").isEmpty();
        assertThat(done.events()).extracting(RotationEvent::step)
            .contains(RotationStep.NEW_CREDENTIAL, RotationStep.STAGE, RotationStep.PROVE, RotationStep.UPDATE_KMS,
                    RotationStep.SOAK, RotationStep.RETIRE_OLD);
        assertThat(auditActions(run.id())).containsSubsequence("CREDENTIAL_ROTATION_STARTED",
                "CREDENTIAL_ROTATION_FILE_DOWNLOADED", "CREDENTIAL_ROTATION_INSTALLED", "CREDENTIAL_ROTATION_PROVED",
                "CREDENTIAL_ROTATION_KMS_UPDATED", "CREDENTIAL_ROTATION_SOAK_PASSED",
                "CREDENTIAL_ROTATION_RETIRE_REFUSED", "CREDENTIAL_ROTATION_COMPLETED");
        assertThat(jdbc
            .sql("select count(*) from audit_event where action = 'UPDATE_CUSTOM_KEY_STORE' "
                    + "and kind = 'INTENT' and target_store_id = ? and reason like ?")
            .params(storeId, "%" + run.id() + "%")
            .query(Long.class)
            .single()).as("the update itself is audited as every update").isEqualTo(1);

        assertThat(output.getAll()).contains(installed.newId())
            .doesNotContain(installed.newSecret())
            .doesNotContain(OLD_SECRET);
        assertThat(consoleRecords()).contains(installed.newId())
            .doesNotContain(installed.newSecret())
            .doesNotContain(OLD_SECRET);
    }

    @Test
    void theFileIsHandedOutOnceAndStep3WaitsForIt() {
        var run = rotations.start(store, "olivia", null, null);
        assertThatThrownBy(() -> rotations.confirmInstalled(run, "olivia")).isInstanceOf(RotationRefusedException.class)
            .hasMessageContaining("Download the proxy configuration file first");

        var file = rotations.downloadConfiguration(run, "olivia");
        assertThat(file).isPresent();
        assertThat(rotations.downloadConfiguration(run, "olivia")).as("once").isEmpty();
        var json = JSON.readTree(file.get());
        assertThat(json.get("XksProxyUriEndpoint").asString()).isEqualTo("https://xks-public.sandbox.example.com");
        assertThat(json.get("XksProxyUriPath").asString()).isEqualTo(PREFIX + "/kms/xks/v1");
        assertThat(json.get("XksProxyConnectivity").asString()).isEqualTo("PUBLIC_ENDPOINT");
        assertThat(rotations.configurationFileName(run))
            .isEqualTo("xks-proxy-rotation-test-" + run.newAccessKeyId() + ".json");
    }

    @Test
    void whenTheProxyNeverAcceptsTheNewCredentialTheRunFailsAtItsDeadlineAndKmsIsUntouched() {
        var run = rotations.start(store, "olivia", null, null);
        rotations.downloadConfiguration(run, "olivia").orElseThrow(); // not installed on
                                                                      // the proxy
        rotations.confirmInstalled(repository.find(run.id()).orElseThrow(), "olivia");
        await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(25))
            .until(() -> repository.find(run.id()).orElseThrow().lastCheck(),
                    check -> check != null && check.contains("HTTP 401"));
        assertThat(repository.find(run.id()).orElseThrow().status()).as("waits until the deadline")
            .isEqualTo(RotationStatus.PROVING);

        clock.advance(properties.proveDeadline().plusSeconds(1));
        var failed = awaitStatus(run.id(), RotationStatus.FAILED);

        assertThat(failed.outcome()).contains("did not accept the new credential " + run.newAccessKeyId())
            .contains("Nothing was changed at KMS: it still uses " + OLD_ID);
        assertThat(accessKeyIdKmsUses()).isEqualTo(OLD_ID);
        assertThat(failed.updateStarted()).isFalse();
        assertThat(rotations.active(store)).isEmpty();
    }

    @Test
    void whenKmsRefusesTheUpdateTheRunFailsWithKmsErrorAndNothingChanged() {
        var installed = startAndInstall();
        // KMS's own health check of the new credential fails (KMS API Reference,
        // UpdateCustomKeyStore, Errors), after the console's check passed.
        faults.inject("UpdateCustomKeyStore", storeId, "XksProxyIncorrectAuthenticationCredentialException", 1);

        rotations.confirmInstalled(installed.run(), "olivia");
        var failed = awaitStatus(installed.run().id(), RotationStatus.FAILED);

        assertThat(failed.outcome())
            .contains("KMS refused the update with XksProxyIncorrectAuthenticationCredentialException")
            .contains("Nothing was changed at KMS: it still uses " + OLD_ID)
            .contains("remove " + installed.newId());
        assertThat(failed.provedAt()).as("the console's own check had passed").isNotNull();
        assertThat(accessKeyIdKmsUses()).isEqualTo(OLD_ID);
        assertThat(rotations.active(store)).isEmpty();
        assertThat(auditActions(failed.id())).contains("CREDENTIAL_ROTATION_PROVED", "CREDENTIAL_ROTATION_FAILED");
    }

    @Test
    void aFailedCheckDuringTheSoakStopsTheRunUntilTheOperatorWatchesAgainOrStops() {
        var installed = startAndInstall();
        rotations.confirmInstalled(installed.run(), "olivia");
        awaitStatus(installed.run().id(), RotationStatus.SOAKING);

        // Someone removes the NEW credential from the proxy while KMS moves over.
        proxy.remove(PREFIX, installed.newId());
        var attention = awaitStatus(installed.run().id(), RotationStatus.NEEDS_ATTENTION);
        assertThat(attention.lastCheck()).contains("HTTP 401")
            .contains("do not remove " + OLD_ID)
            .contains("watch again");
        assertThat(attention.cancellable()).isFalse();
        assertThat(auditActions(attention.id())).contains("CREDENTIAL_ROTATION_SOAK_FAILED");

        proxy.add(PREFIX, installed.newId(), installed.newSecret());
        rotations.watchAgain(attention, "olivia");
        awaitStatus(attention.id(), RotationStatus.SOAKING);
        clock.advance(properties.soak().plusSeconds(1));
        var retiring = awaitStatus(attention.id(), RotationStatus.AWAITING_RETIREMENT);

        rotations.leaveBothActive(retiring, "olivia");
        var stopped = repository.find(attention.id()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(RotationStatus.LEFT_BOTH_ACTIVE);
        assertThat(stopped.outcome()).contains("KMS uses " + installed.newId()).contains("still accepts " + OLD_ID);
        assertThat(accessKeyIdKmsUses()).isEqualTo(installed.newId());
    }

    @Test
    void retirementStopsWhenTheProxyNoLongerAcceptsTheNewCredential() {
        var installed = startAndInstall();
        rotations.confirmInstalled(installed.run(), "olivia");
        awaitStatus(installed.run().id(), RotationStatus.SOAKING);
        clock.advance(properties.soak().plusSeconds(1));
        var retiring = awaitStatus(installed.run().id(), RotationStatus.AWAITING_RETIREMENT);

        // The operator removed the wrong one.
        proxy.remove(PREFIX, installed.newId());

        assertThatThrownBy(() -> rotations.confirmRetired(retiring, "olivia", Secret.of(OLD_SECRET), false))
            .isInstanceOf(RotationRefusedException.class)
            .hasMessageContaining("does not accept the NEW credential " + installed.newId())
            .hasMessageContaining("add it back now");
        assertThat(repository.find(retiring.id()).orElseThrow().status()).isEqualTo(RotationStatus.AWAITING_RETIREMENT);
        proxy.add(PREFIX, installed.newId(), installed.newSecret());
    }

    @Test
    void withoutTheOldSecretTheOperatorMayFinishOnTheirWordAndTheRecordSaysSo() {
        var installed = startAndInstall();
        rotations.confirmInstalled(installed.run(), "olivia");
        awaitStatus(installed.run().id(), RotationStatus.SOAKING);
        clock.advance(properties.soak().plusSeconds(1));
        var retiring = awaitStatus(installed.run().id(), RotationStatus.AWAITING_RETIREMENT);
        proxy.remove(PREFIX, OLD_ID);

        var done = rotations.confirmRetired(retiring, "olivia", null, true);

        assertThat(done.status()).isEqualTo(RotationStatus.COMPLETED);
        assertThat(done.oldRefusal()).isEqualTo(CredentialRotations.NOT_CHECKED);
        assertThat(done.outcome()).contains("did not check it");
    }

    @Test
    void cancelBeforeTheUpdateChangesNothingAtKms() {
        var installed = startAndInstall();
        rotations.cancel(installed.run(), "olivia");

        var cancelled = repository.find(installed.run().id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(RotationStatus.CANCELLED);
        assertThat(accessKeyIdKmsUses()).isEqualTo(OLD_ID);
        assertThat(rotations.active(store)).isEmpty();
        assertThat(repository.sealed(cancelled.id())).isEmpty();
        assertThatThrownBy(() -> rotations.confirmInstalled(cancelled, "olivia"))
            .isInstanceOf(RotationRefusedException.class);
        assertThat(auditActions(cancelled.id())).contains("CREDENTIAL_ROTATION_CANCELLED");
    }

    @Test
    void aSecondRunOnTheSameStoreIsRefusedWhileOneIsActive() {
        rotations.start(store, "olivia", null, null);
        assertThatThrownBy(() -> rotations.start(store, "oscar", null, null))
            .isInstanceOf(RotationRefusedException.class)
            .hasMessageContaining("already under way");
    }

    // --- a typed credential, checked as KMS checks it (KMS API Reference,
    // XksProxyAuthenticationCredentialType)

    private static final String SECRET_43 = "a".repeat(43);

    @Test
    void aTypedAccessKeyIdNeeds20To30CharactersOfAToZAnd2To7() {
        assertThatThrownBy(() -> typed("A".repeat(19), SECRET_43)).hasMessageContaining("20 to 30");
        assertThat(typed("A".repeat(20), SECRET_43).newAccessKeyId()).hasSize(20);
        rotations.cancel(rotations.active(store).orElseThrow(), "test");
        assertThat(typed("B".repeat(30), SECRET_43).newAccessKeyId()).hasSize(30);
        rotations.cancel(rotations.active(store).orElseThrow(), "test");
        assertThatThrownBy(() -> typed("A".repeat(31), SECRET_43)).hasMessageContaining("20 to 30");
        assertThatThrownBy(() -> typed("A".repeat(19) + "1", SECRET_43)).as("1 is not in A-Z, 2-7")
            .hasMessageContaining("20 to 30");
    }

    @Test
    void aTypedSecretNeeds43To64CharactersOfBase64() {
        String id = "TYPEDROTATIONKEYID2345";
        assertThatThrownBy(() -> typed(id, "a".repeat(42))).hasMessageContaining("43 to 64");
        assertThat(typed(id, "a".repeat(43)).generated()).isFalse();
        rotations.cancel(rotations.active(store).orElseThrow(), "test");
        assertThat(typed(id, "a".repeat(64)).generated()).isFalse();
        rotations.cancel(rotations.active(store).orElseThrow(), "test");
        assertThatThrownBy(() -> typed(id, "a".repeat(65))).hasMessageContaining("43 to 64");
        assertThatThrownBy(() -> typed(id, "a".repeat(42) + "!")).hasMessageContaining("43 to 64");
    }

    @Test
    void aTypedCredentialMustNotBeTheOneKmsUsesNow() {
        assertThatThrownBy(() -> typed(OLD_ID, SECRET_43))
            .isInstanceOfSatisfying(RotationRefusedException.class,
                    refused -> assertThat(refused.field()).isEqualTo("accessKeyId"))
            .hasMessageContaining("KMS uses now");
    }

    private RotationRun typed(String id, String secret) {
        return rotations.start(store, "olivia", null, new XksCredential(id, Secret.of(secret)));
    }

    // --- restarts

    /**
     * A second console instance over the same database, with its own memory (held
     * secrets) and lease owner, as after a restart.
     */
    private RotationRunner secondInstance(HeldSecrets secrets) {
        var engine = new RotationEngine(repository, secrets, checks, reads, changes, journal, properties, clock);
        return new RotationRunner(repository, engine, properties, clock);
    }

    @Test
    void aRunResumesOnAnotherInstanceAfterARestartWithTheSecretItHeldSealed() {
        var installed = startAndInstall();
        runner.stop(); // this instance does step 3 by hand, then "dies"
        rotations.confirmInstalled(installed.run(), "olivia");
        assertThat(runner.tick(installed.run().id())).as("step 3 passed").isNotNull();
        assertThat(repository.find(installed.run().id()).orElseThrow().status()).isEqualTo(RotationStatus.UPDATING);

        var second = secondInstance(new HeldSecrets(sealer, repository));
        try {
            second.start();
            // The dead instance's lease runs out first.
            clock.advance(properties.lease().plusSeconds(1));
            var soaking = awaitStatus(installed.run().id(), RotationStatus.SOAKING);
            assertThat(accessKeyIdKmsUses()).isEqualTo(installed.newId());
            clock.advance(properties.soak().plusSeconds(1));
            awaitStatus(soaking.id(), RotationStatus.AWAITING_RETIREMENT);
        }
        finally {
            second.stop();
        }
    }

    @Test
    void aSecretHeldOnlyInMemoryIsAskedForAgainAfterARestartAndMustBeTheSameOne() {
        var noKeyEncryptionKey = org.mockito.Mockito.mock(com.cksconsole.health.credentials.SecretSealer.class);
        var firstMemory = new HeldSecrets(noKeyEncryptionKey, repository);
        var first = new CredentialRotations(repository, firstMemory, checks, reads, monitoring, journal, runner, audit,
                new NewCredentials(new java.security.SecureRandom()), properties, clock);
        runner.stop();
        var run = first.start(store, "olivia", null, null);
        assertThat(repository.sealed(run.id())).as("nothing sealed without a key-encryption key").isEmpty();
        var file = first.downloadConfiguration(run, "olivia").orElseThrow();
        var credential = JSON.readTree(file).get("XksProxyAuthenticationCredential");
        String secret = credential.get("RawSecretAccessKey").asString();
        proxy.add(PREFIX, run.newAccessKeyId(), secret);
        added.add(run.newAccessKeyId());
        first.confirmInstalled(repository.find(run.id()).orElseThrow(), "olivia");

        var second = secondInstance(new HeldSecrets(noKeyEncryptionKey, repository));
        try {
            second.start();
            var paused = awaitStatus(run.id(), RotationStatus.NEEDS_SECRET);
            assertThat(paused.lastCheck()).contains("type the secret of " + run.newAccessKeyId() + " again");
            assertThat(paused.cancellable()).isTrue();

            assertThatThrownBy(() -> first.provideSecret(paused, "olivia", Secret.of("b".repeat(44))))
                .isInstanceOfSatisfying(RotationRefusedException.class,
                        refused -> assertThat(refused.field()).isEqualTo("secret"))
                .hasMessageContaining("not the secret access key of " + run.newAccessKeyId());
        }
        finally {
            second.stop();
        }
        // Given to an instance that drives it (the restarted one).
        var secondMemory = new HeldSecrets(noKeyEncryptionKey, repository);
        var restarted = new RotationRunner(repository,
                new RotationEngine(repository, secondMemory, checks, reads, changes, journal, properties, clock),
                properties, clock);
        var restartedService = new CredentialRotations(repository, secondMemory, checks, reads, monitoring, journal,
                restarted, audit, new NewCredentials(new java.security.SecureRandom()), properties, clock);
        try {
            restarted.start();
            restartedService.provideSecret(repository.find(run.id()).orElseThrow(), "olivia", Secret.of(secret));
            awaitStatus(run.id(), RotationStatus.SOAKING);
            assertThat(accessKeyIdKmsUses()).isEqualTo(run.newAccessKeyId());
        }
        finally {
            restarted.stop();
        }
    }

}
