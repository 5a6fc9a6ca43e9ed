package com.cksconsole.keystore.guided;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.SecretSealing;
import com.cksconsole.keystore.StoreChangeLocks;
import com.cksconsole.keystore.StoreLockHolder;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksCredential;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;

/**
 * The guided change tables (migrations V40, V98) and their repository, on each supported
 * database: runs with their steps, the store change lock, leases across instances, and
 * the points of no return.
 */
abstract class GuidedRunRepositoryContract {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    final MutableClock clock = new MutableClock(NOW);

    GuidedRunRepository runs;

    StoreChangeLocks locks;

    JdbcClient jdbc;

    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = emptyDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        locks = KeyStoreServices.jdbcLocks(jdbc, clock);
        runs = new GuidedRunRepository(jdbc, new DataSourceTransactionManager(dataSource), locks);
    }

    static GuidedRun plannedRun(GuidedMode mode) {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        var change = new XksChange(null, "https://xks-lab.sandbox.example.com", null, null, null, null,
                new XksCredential("SANDBOXTENANTBKEYID234", Secret.of("0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=")));
        return GuidedChangeService.plan(TestTargets.ref(store.id()), store, change, mode, "CHG-7", "olivia", null, NOW);
    }

    /** A sealed secret as the repository sees it: opaque text. */
    static final SecretSealing.Sealed SEALED = new SecretSealing.Sealed("ZW5jcnlwdGVkLWRhdGEta2V5", "kek-2026",
            "aXYtb2YtMTItYnl0", "Y2lwaGVydGV4dC1hbmQtdGFn");

    @ParameterizedTest
    @EnumSource(value = RunStatus.class, names = { "COMPLETED", "FAILED", "CANCELLED" })
    void aSealedSecretIsHeldInTheRunsRowUntilTheRunEnds(RunStatus end) {
        var run = plannedRun(GuidedMode.RECONNECT);
        runs.create(run, "instance-a", NOW.plusSeconds(30), SEALED, () -> {
        });
        assertThat(runs.sealed(run.id())).contains(SEALED);

        runs.finish(run, end, "Ended.", NextAction.NONE, NOW.plusSeconds(1));

        assertThat(runs.sealed(run.id())).isEmpty();
        assertThat(sealedColumns(run.id())).as("every sealed column").containsOnlyNulls();
    }

    @Test
    void aSealedSecretIsErasedOnceSentAndReplacedWhenGivenAgain() {
        var run = plannedRun(GuidedMode.RECONNECT);
        runs.create(run, "instance-a", NOW.plusSeconds(30), SEALED, () -> {
        });

        runs.eraseSealed(run.id());
        assertThat(runs.sealed(run.id())).isEmpty();
        assertThat(sealedColumns(run.id())).containsOnlyNulls();
        assertThat(runs.find(run.id()).orElseThrow().status()).as("the run goes on").isEqualTo(RunStatus.RUNNING);

        var givenAgain = new SecretSealing.Sealed("YW5vdGhlci1kYXRhLWtleQ==", "kek-2026", "YW5vdGhlci1pdi0x",
                "YW5vdGhlci1jaXBoZXJ0ZXh0");
        assertThat(runs.resumeWithSecret(run.id(), "instance-b", NOW.plusSeconds(60), NOW, givenAgain)).as("not paused")
            .isFalse();
        assertThat(runs.sealed(run.id())).isEmpty();
        runs.pauseForSecret(run.id(), "Needs the secret again.", NOW);
        assertThat(runs.resumeWithSecret(run.id(), "instance-b", NOW.plusSeconds(60), NOW, givenAgain)).isTrue();
        assertThat(runs.sealed(run.id())).contains(givenAgain);

        runs.pauseForSecret(run.id(), "Needs the secret again.", NOW);
        assertThat(runs.resumeWithSecret(run.id(), "instance-c", NOW.plusSeconds(60), NOW, null))
            .as("given to an instance without a key-encryption key: held in its memory")
            .isTrue();
        assertThat(runs.sealed(run.id())).isEmpty();
    }

    private java.util.List<Object> sealedColumns(String runId) {
        return sealedColumns(jdbc, runId);
    }

    /** The four columns a run's sealed secret is held in, as the database has them. */
    static java.util.List<Object> sealedColumns(JdbcClient jdbc, String runId) {
        return jdbc
            .sql("select sealed_data_key, sealed_kek_id, sealed_iv, sealed_ciphertext from guided_change_run "
                    + "where id = ?")
            .param(runId)
            .query()
            .listOfRows()
            .stream()
            .flatMap(row -> row.values().stream())
            .toList();
    }

    @Test
    void aRunBelongsToItsStoreInItsAccountAndRegionOnly() {
        var run = plannedRun(GuidedMode.RECONNECT);
        runs.create(run, "instance-a", NOW.plusSeconds(30));
        var sameIdElsewhere = new KeyStoreRef(new KmsTarget("111122223333", "eu-central-1"), run.storeId());

        assertThat(runs.find(run.id()).orElseThrow().store()).isEqualTo(run.store());
        assertThat(runs.activeFor(run.store())).isPresent();
        assertThat(runs.activeFor(sameIdElsewhere)).isEmpty();
        assertThat(runs.recentFor(sameIdElsewhere, 5)).isEmpty();
        assertThat(locks.holder(sameIdElsewhere)).isEmpty();
    }

    @Test
    void aRunIsStoredWithItsStepsAndItsSecretNeverReachesTheDatabase() {
        var run = plannedRun(GuidedMode.RECONNECT);
        runs.create(run, "instance-a", NOW.plusSeconds(30));

        var read = runs.find(run.id()).orElseThrow();
        assertThat(read.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(read.reason()).isEqualTo("CHG-7");
        assertThat(read.createdAt()).isEqualTo(NOW);
        assertThat(read.steps()).extracting(GuidedStep::name)
            .containsExactly(StepName.PREFLIGHT, StepName.DISCONNECT, StepName.WAIT_FOR_DISCONNECTED, StepName.UPDATE,
                    StepName.CONNECT, StepName.WAIT_FOR_CONNECTED);
        assertThat(read.currentStep().orElseThrow().name()).isEqualTo(StepName.DISCONNECT);
        assertThat(read.secretNeeded()).isTrue();
        assertThat(read.change().uriEndpoint()).isEqualTo("https://xks-lab.sandbox.example.com");
        assertThat(read.change().accessKeyId()).isEqualTo("SANDBOXTENANTBKEYID234");
        String everything = jdbc.sql("select * from guided_change_run").query().listOfRows().toString()
                + jdbc.sql("select * from guided_change_step").query().listOfRows()
                + jdbc.sql("select * from active_store_lock").query().listOfRows();
        assertThat(everything).contains("xks-lab.sandbox.example.com").doesNotContain("0/MILR7J51oM");
        assertThat(locks.holder(TestTargets.ref(run.storeId())).orElseThrow().runId()).isEqualTo(run.id());
    }

    @Test
    void aRunThatLeavesTheStoreDisconnectedHasNoConnectSteps() {
        var run = plannedRun(GuidedMode.LEAVE_DISCONNECTED);
        runs.create(run, "instance-a", NOW.plusSeconds(30));
        assertThat(runs.find(run.id()).orElseThrow().steps()).extracting(GuidedStep::name)
            .doesNotContain(StepName.CONNECT, StepName.WAIT_FOR_CONNECTED);
    }

    @Test
    void aSecondRunOfTheSameStoreIsRefusedAndWritesNothing() {
        var first = plannedRun(GuidedMode.RECONNECT);
        runs.create(first, "instance-a", NOW.plusSeconds(30));
        var second = plannedRun(GuidedMode.RECONNECT);

        assertThatThrownBy(() -> runs.create(second, "instance-b", NOW.plusSeconds(30))).isInstanceOfSatisfying(
                KeyStoreBusyException.class, e -> assertThat(e.holder().runId()).isEqualTo(first.id()));
        assertThat(runs.find(second.id())).isEmpty();
        assertThat(jdbc.sql("select count(*) from guided_change_step where run_id = ?")
            .param(second.id())
            .query(Integer.class)
            .single()).isZero();
    }

    /**
     * The start's audit entries are written in the run's own transaction: no entry, no
     * run (fail closed).
     */
    @Test
    void aRunWhoseStartCannotBeRecordedIsNotCreatedAndHoldsNothing() {
        var run = plannedRun(GuidedMode.RECONNECT);
        assertThatThrownBy(() -> runs.create(run, "instance-a", NOW.plusSeconds(30), () -> {
            throw new com.cksconsole.audit.AuditUnavailableException("test: audit log unavailable",
                    new IllegalStateException());
        })).isInstanceOf(com.cksconsole.audit.AuditUnavailableException.class);

        assertThat(runs.find(run.id())).isEmpty();
        assertThat(locks.holder(TestTargets.ref(run.storeId()))).isEmpty();
        assertThat(jdbc.sql("select count(*) from guided_change_step").query(Integer.class).single()).isZero();
    }

    @Test
    void aRunIsRefusedWhileAPlainEditIsBeingAppliedAndTheOtherWayRound() {
        var edit = locks.acquireForEdit(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID), "eve");
        assertThatThrownBy(() -> runs.create(plannedRun(GuidedMode.RECONNECT), "instance-a", NOW.plusSeconds(30)))
            .isInstanceOfSatisfying(KeyStoreBusyException.class, e -> assertThat(e.holder().holder()).isEqualTo("eve"));
        locks.releaseEdit(edit);

        var run = plannedRun(GuidedMode.RECONNECT);
        runs.create(run, "instance-a", NOW.plusSeconds(30));
        assertThatThrownBy(() -> locks.acquireForEdit(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID), "eve"))
            .isInstanceOfSatisfying(KeyStoreBusyException.class,
                    e -> assertThat(e.holder().runId()).isEqualTo(run.id()));
    }

    @Test
    void anEditHoldIsTakenOverOnceItIsFiveMinutesOldButNotSooner() {
        locks.acquireForEdit(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID), "crashed-instance-user");
        clock.advance(StoreLockHolder.EDIT_TAKEOVER.minusSeconds(1));
        assertThatThrownBy(() -> locks.acquireForEdit(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID), "eve"))
            .isInstanceOf(KeyStoreBusyException.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(locks.acquireForEdit(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID), "eve").holder()).isEqualTo("eve");
    }

    /**
     * Every path that asks who holds a store (the review page, connect, disconnect) gets
     * the same answer.
     */
    @Test
    void anAbandonedEditHoldIsNoHolderAtAllForEveryPathThatAsks() {
        locks.acquireForEdit(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID), "crashed-instance-user");
        clock.advance(StoreLockHolder.EDIT_TAKEOVER.minusSeconds(1));
        assertThat(locks.holder(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID)))
            .hasValueSatisfying(holder -> assertThat(holder.holder()).isEqualTo("crashed-instance-user"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(locks.holder(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID))).isEmpty();
    }

    @Test
    void aGuidedChangeTakesOverAnAbandonedEditHoldButNotAYoungerOne() {
        locks.acquireForEdit(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID), "crashed-instance-user");
        clock.advance(StoreLockHolder.EDIT_TAKEOVER.minusSeconds(1));
        assertThatThrownBy(() -> runs.create(plannedRun(GuidedMode.RECONNECT), "instance-a", NOW.plusSeconds(30)))
            .isInstanceOf(KeyStoreBusyException.class);
        clock.advance(Duration.ofSeconds(1));
        var run = plannedRun(GuidedMode.RECONNECT);
        runs.create(run, "instance-a", NOW.plusSeconds(30));
        assertThat(locks.holder(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID)).orElseThrow().runId())
            .isEqualTo(run.id());
    }

    @Test
    void aGuidedRunsHoldNeverExpires() {
        var run = plannedRun(GuidedMode.RECONNECT);
        runs.create(run, "instance-a", NOW.plusSeconds(30));
        clock.advance(Duration.ofDays(2));
        assertThatThrownBy(() -> locks.acquireForEdit(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID), "eve"))
            .isInstanceOf(KeyStoreBusyException.class);
    }

    @Test
    void finishingARunReleasesItsStoreAndSkipsItsOpenSteps() {
        var run = plannedRun(GuidedMode.RECONNECT);
        runs.create(run, "instance-a", NOW.plusSeconds(30));

        runs.finish(run, RunStatus.CANCELLED, "Cancelled.", NextAction.NONE, NOW.plusSeconds(1));

        var read = runs.find(run.id()).orElseThrow();
        assertThat(read.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(read.finishedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(read.steps()).filteredOn(step -> step.name() != StepName.PREFLIGHT)
            .allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.SKIPPED));
        assertThat(locks.holder(TestTargets.ref(run.storeId()))).isEmpty();
        assertThat(runs.activeFor(run.store())).isEmpty();
        runs.create(plannedRun(GuidedMode.RECONNECT), "instance-a", NOW.plusSeconds(30));
    }

    @Test
    void onlyOneInstanceHoldsTheLeaseUntilItExpires() {
        var run = plannedRun(GuidedMode.RECONNECT);
        runs.create(run, "instance-a", NOW.plusSeconds(30));

        assertThat(runs.claim(run.id(), "instance-b", NOW.plusSeconds(60), NOW.plusSeconds(29))).isFalse();
        assertThat(runs.unclaimed(NOW.plusSeconds(29))).doesNotContain(run.id());
        assertThat(runs.claim(run.id(), "instance-a", NOW.plusSeconds(60), NOW.plusSeconds(29))).as("the owner renews")
            .isTrue();
        assertThat(runs.unclaimed(NOW.plusSeconds(61))).containsExactly(run.id());
        assertThat(runs.claim(run.id(), "instance-b", NOW.plusSeconds(90), NOW.plusSeconds(61)))
            .as("an expired lease is taken over")
            .isTrue();
        assertThat(runs.claim(run.id(), "instance-a", NOW.plusSeconds(90), NOW.plusSeconds(62))).isFalse();
    }

    @Test
    void aFinishedOrPausedRunCannotBeClaimed() {
        var run = plannedRun(GuidedMode.RECONNECT);
        runs.create(run, "instance-a", NOW.plusSeconds(30));
        runs.pauseForSecret(run.id(), "needs the secret", NOW);
        assertThat(runs.claim(run.id(), "instance-a", NOW.plusSeconds(60), NOW)).isFalse();
        assertThat(runs.unclaimed(NOW.plusSeconds(60))).isEmpty();
        assertThat(runs.find(run.id()).orElseThrow().nextAction()).isEqualTo(NextAction.PROVIDE_SECRET);

        assertThat(runs.resumeWithSecret(run.id(), "instance-b", NOW.plusSeconds(30), NOW)).isTrue();
        assertThat(runs.resumeWithSecret(run.id(), "instance-b", NOW.plusSeconds(30), NOW))
            .as("only a paused run resumes")
            .isFalse();
        assertThat(runs.claim(run.id(), "instance-a", NOW.plusSeconds(60), NOW))
            .as("the instance holding the secret drives it")
            .isFalse();
    }

    @Test
    void aCancelAndTheUpdateCannotBothWin() {
        var cancelledFirst = plannedRun(GuidedMode.RECONNECT);
        runs.create(cancelledFirst, "instance-a", NOW.plusSeconds(30));
        assertThat(runs.requestCancel(cancelledFirst.id(), NOW)).isTrue();
        assertThat(runs.markUpdateStarted(cancelledFirst.id(), NOW)).isFalse();
        assertThat(runs.requestCancel(cancelledFirst.id(), NOW)).as("asked once").isFalse();
        runs.finish(cancelledFirst, RunStatus.CANCELLED, "Cancelled.", NextAction.NONE, NOW);

        var updatedFirst = plannedRun(GuidedMode.RECONNECT);
        runs.create(updatedFirst, "instance-a", NOW.plusSeconds(30));
        assertThat(runs.markUpdateStarted(updatedFirst.id(), NOW)).isTrue();
        assertThat(runs.requestCancel(updatedFirst.id(), NOW)).isFalse();
        assertThat(runs.find(updatedFirst.id()).orElseThrow().cancellable()).isFalse();
    }

    @Test
    void leavingDisconnectedAndTheConnectCannotBothWin() {
        var run = plannedRun(GuidedMode.RECONNECT);
        runs.create(run, "instance-a", NOW.plusSeconds(30));
        assertThat(runs.markConnectStarted(run.id(), NOW)).isTrue();
        assertThat(runs.requestLeaveDisconnected(run.id(), NOW)).isFalse();

        var other = plannedRun(GuidedMode.RECONNECT);
        runs.finish(run, RunStatus.COMPLETED, "Done.", NextAction.NONE, NOW);
        runs.create(other, "instance-a", NOW.plusSeconds(30));
        assertThat(runs.requestLeaveDisconnected(other.id(), NOW)).isTrue();
        assertThat(runs.markConnectStarted(other.id(), NOW)).isFalse();
    }

    @Test
    void aRunThatLeavesTheStoreDisconnectedCannotBeAskedToLeaveItDisconnected() {
        var run = plannedRun(GuidedMode.LEAVE_DISCONNECTED);
        runs.create(run, "instance-a", NOW.plusSeconds(30));
        assertThat(runs.requestLeaveDisconnected(run.id(), NOW)).isFalse();
    }

    @Test
    void stepsAreSavedWithTheirTimesAndResults() {
        var run = plannedRun(GuidedMode.RECONNECT);
        runs.create(run, "instance-a", NOW.plusSeconds(30));
        var disconnect = run.step(StepName.DISCONNECT).orElseThrow();

        runs.saveStep(run.id(), disconnect.with(StepStatus.DONE, NOW, NOW.plusMillis(1500), 1, "accepted"),
                NOW.plusSeconds(2));

        var read = runs.find(run.id()).orElseThrow();
        var saved = read.step(StepName.DISCONNECT).orElseThrow();
        assertThat(saved.status()).isEqualTo(StepStatus.DONE);
        assertThat(saved.finishedAt()).isEqualTo(NOW.plusMillis(1500));
        assertThat(saved.detail()).isEqualTo("accepted");
        assertThat(read.updatedAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(read.currentStep().orElseThrow().name()).isEqualTo(StepName.WAIT_FOR_DISCONNECTED);
    }

    @Test
    void theRecentRunsOfAStoreAreListedNewestFirst() {
        var older = plannedRun(GuidedMode.RECONNECT);
        runs.create(older, "instance-a", NOW.plusSeconds(30));
        runs.finish(older, RunStatus.COMPLETED, "Done.", NextAction.NONE, NOW);
        var newer = GuidedChangeService.plan(TestTargets.ref(TestKeyStores.xksPublic(ConnectionState.CONNECTED).id()),
                TestKeyStores.xksPublic(ConnectionState.CONNECTED),
                new XksChange(null, "https://xks-lab.sandbox.example.com", null, null, null, null, null),
                GuidedMode.RECONNECT, null, "olivia", null, NOW.plusSeconds(5));
        runs.create(newer, "instance-a", NOW.plusSeconds(30));

        assertThat(runs.recentFor(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID), 1)).extracting(GuidedRun::id)
            .containsExactly(newer.id());
        assertThat(runs.recentFor(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID), 5)).extracting(GuidedRun::id)
            .containsExactly(newer.id(), older.id());
        assertThat(runs.activeFor(TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID)).orElseThrow().id())
            .isEqualTo(newer.id());
    }

}
