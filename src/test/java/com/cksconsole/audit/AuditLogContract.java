package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.support.MutableClock;
import com.cksconsole.keystore.KeyStoreAuditAction;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log's storage, chain and search, run against each supported database: the
 * same tests on the embedded H2 and on PostgreSQL.
 */
abstract class AuditLogContract {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = "111122223333";
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    final MutableClock clock = new MutableClock(START);

    SwitchableDataSource database;

    AuditFixture audit;

    /** A data source on an empty database or schema. */
    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        database = new SwitchableDataSource(emptyDatabase());
        audit = AuditFixture.migrated(database, clock);
        actAs("alice", "OPERATOR");
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static void actAs(String user, String... roles) {
        var authorities = java.util.Arrays.stream(roles).map(r -> "ROLE_" + r).toArray(String[]::new);
        var token = new TestingAuthenticationToken(user, null, authorities);
        SecurityContextHolder.getContext().setAuthentication(token);
    }

    static AuditIntent rename(String storeId, String from, String to) {
        return AuditIntent
            .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, AuditTarget.keyStore(REGION, ACCOUNT, storeId, from))
            .changed("CustomKeyStoreName", from, to)
            .reason("CHG-1234")
            .build();
    }

    static AuditIntent signIn() {
        return AuditIntent.of(AuditLogAction.SIGN_IN, AuditTarget.none()).build();
    }

    AuditEntry onlyEntry() {
        var page = audit.log.page(AuditFixture.ALL_EVENTS, null, 10);
        assertThat(page.entries()).hasSize(1);
        return page.entries().get(0);
    }

    List<String> allStoredText() {
        return audit.jdbc.sql("select " + AuditEventRepository.COLUMNS + " from audit_event order by seq")
            .query(AuditEventRepository.ROW)
            .list()
            .stream()
            .map(Object::toString)
            .toList();
    }

    AuditEventRow row(long seq) {
        return row(audit, seq);
    }

    static AuditEventRow row(AuditFixture audit, long seq) {
        return audit.jdbc.sql("select " + AuditEventRepository.COLUMNS + " from audit_event where seq = :seq")
            .param("seq", seq)
            .query(AuditEventRepository.ROW)
            .single();
    }

    /** Inserts a forged row (no keyed link) as someone with the database login would. */
    void insertRaw(AuditEventRow r) {
        AuditChainTamperContract.insertAsTheDatabaseLogin(audit.jdbc, r);
    }

    void records(int count) {
        records(audit, clock, count);
    }

    /** Appends {@code count} sign-ins, one a second. */
    static void records(AuditFixture audit, MutableClock clock, int count) {
        for (int i = 0; i < count; i++) {
            audit.trail.record(signIn(), AuditResult.succeeded());
            clock.advance(Duration.ofSeconds(1));
        }
    }

    // ---- Migrations ----

    @Test
    void theMigrationsApplyIncludingTheAuditLog() {
        assertThat(audit.flyway.info().applied()).extracting(migration -> migration.getVersion().getVersion())
            .contains("1", "20");
        assertThat(audit.flyway.info().pending()).isEmpty();
    }

    // ---- Writing ----

    @Test
    void anIntentIsPendingUntilItsOutcomeIsRecorded() {
        var handle = audit.trail.begin(rename("cks-1", "finance", "finance-eu"));

        var pending = onlyEntry();
        assertThat(pending.outcome()).isEqualTo(AuditOutcome.PENDING);
        assertThat(pending.event().kind()).isEqualTo(EventKind.INTENT);
        assertThat(pending.event().eventId()).isEqualTo(handle.eventId());

        clock.advance(Duration.ofMillis(120));
        assertThat(handle.succeeded("req-ok-1", Duration.ofMillis(87))).isTrue();

        var done = onlyEntry();
        assertThat(done.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(done.kmsRequestId()).isEqualTo("req-ok-1");
        assertThat(done.durationMs()).isEqualTo(87);
        assertThat(done.outcomeEvent().refersTo()).isEqualTo(handle.eventId());
        assertThat(done.outcomeEvent().seq()).isEqualTo(handle.seq() + 1);
        assertThat(done.event().actor()).isEqualTo("alice");
        assertThat(done.event().actorRoles()).containsExactly("OPERATOR");
        assertThat(done.event().reason()).isEqualTo("CHG-1234");
        assertThat(done.changes()).singleElement().satisfies(change -> {
            assertThat(change.name()).isEqualTo("CustomKeyStoreName");
            assertThat(change.before()).isEqualTo("finance");
            assertThat(change.after()).isEqualTo("finance-eu");
        });
        assertThat(audit.verify().checked()).isEqualTo(2);
    }

    @Test
    void aOneShotEventCarriesItsOutcome() {
        audit.trail.record(signIn(), AuditResult.succeeded());
        var entry = onlyEntry();
        assertThat(entry.event().kind()).isEqualTo(EventKind.EVENT);
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(entry.outcomeEvent()).isNull();
    }

    @Test
    void anOutcomeCanBeGivenOnlyOnce() {
        var handle = audit.trail.begin(rename("cks-1", "a", "b"));
        handle.succeeded("req-1");
        assertThatThrownBy(() -> handle.failed("Oops", null, null, null)).isInstanceOf(IllegalStateException.class);
        assertThat(onlyEntry().outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
    }

    @Test
    void aFailedAttemptKeepsTheKmsErrorNameMessageAndRequestId() {
        audit.trail.begin(rename("cks-1", "a", "b"))
            .failed("CustomKeyStoreInvalidStateException", "The key store must be disconnected", "req-failed-7",
                    Duration.ofMillis(15));
        var entry = onlyEntry();
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(entry.errorName()).isEqualTo("CustomKeyStoreInvalidStateException");
        assertThat(entry.errorMessage()).isEqualTo("The key store must be disconnected");
        assertThat(entry.kmsRequestId()).isEqualTo("req-failed-7");
    }

    @Test
    void aRejectedAttemptKeepsItsReasons() {
        audit.trail.begin(rename("cks-1", "a", "b")).rejected(List.of("The store is CONNECTED", "Name in use"));
        var entry = onlyEntry();
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.REJECTED);
        assertThat(entry.errorMessage()).isEqualTo("The store is CONNECTED; Name in use");
    }

    @Test
    void attemptRecordsSucceededWhenTheCallReturnsAndFailedWhenItThrows() {
        String result = audit.trail.attempt(rename("cks-1", "a", "b"), handle -> "done");
        assertThat(result).isEqualTo("done");
        assertThatThrownBy(() -> audit.trail.attempt(rename("cks-1", "b", "c"), handle -> {
            throw new IllegalStateException("secret-looking message that must not be stored");
        })).isInstanceOf(IllegalStateException.class);

        var entries = audit.log.page(AuditFixture.ALL_EVENTS, null, 10).entries();
        assertThat(entries).extracting(AuditEntry::outcome)
            .containsExactly(AuditOutcome.FAILED, AuditOutcome.SUCCEEDED);
        assertThat(entries.get(0).errorName()).isEqualTo("IllegalStateException");
        assertThat(allStoredText()).noneMatch(text -> text.contains("must not be stored"));
    }

    @Test
    void eventTimesHaveMillisecondPrecisionAndNeverGoBackwards() {
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-03-01T10:00:00.123456789Z")));
        audit.trail.record(signIn(), AuditResult.succeeded());
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-03-01T09:59:59.000Z")));
        audit.trail.record(signIn(), AuditResult.succeeded());

        assertThat(row(1).occurredAt()).isEqualTo("2026-03-01T10:00:00.123Z");
        assertThat(row(2).occurredAt()).as("a clock behind the previous event does not reorder time")
            .isEqualTo("2026-03-01T10:00:00.123Z");
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void anEventWithoutAUserIsRecordedAsTheSystem() {
        SecurityContextHolder.clearContext();
        audit.trail.record(signIn(), AuditResult.succeeded());
        assertThat(onlyEntry().event().actor()).isEqualTo("system");
        assertThat(onlyEntry().event().sourceIp()).isNull();
    }

    @Test
    void textThatPostgresqlCannotStoreIsMadeSafe() {
        audit.trail.record(
                AuditIntent.of(AuditLogAction.SIGN_IN, AuditTarget.none()).reason("nul\0here \uD800 alone").build(),
                AuditResult.succeeded());
        assertThat(onlyEntry().event().reason()).isEqualTo("nul\uFFFDhere \uFFFD alone");
        assertThat(audit.verify().intact()).isTrue();
    }

    // ---- Secrets ----

    @Test
    void aReplacedSecretIsStoredOnlyAsAKeyedFingerprint() {
        String secret = "Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I=";
        var intent = AuditIntent
            .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, AuditTarget.keyStore(REGION, ACCOUNT, "cks-9", "x"))
            .with(audit.trail.secretReplaced("XksProxyAuthenticationCredential.RawSecretAccessKey", secret))
            .with(audit.trail.secretReplaced("KeyStorePassword", CharBuffer.wrap(secret.toCharArray())))
            .build();
        audit.trail.begin(intent).succeeded("req-9");

        assertThat(allStoredText()).noneMatch(text -> text.contains(secret) || text.contains("Mc+9e8GY4mMC"));
        var changes = onlyEntry().changes();
        assertThat(changes).extracting(AuditParameter::kind).containsOnly(AuditParameter.Kind.SECRET_REPLACED);
        assertThat(changes.get(0).fingerprint()).matches("hmac-sha256:[0-9a-f]{8}:[0-9a-f]{64}")
            .isEqualTo(changes.get(1).fingerprint());
        assertThat(audit.fingerprinter.matches(changes.get(0).fingerprint(), secret)).isTrue();
        assertThat(audit.fingerprinter.matches(changes.get(0).fingerprint(), secret + "x")).isFalse();
        var export = new ByteArrayOutputStream();
        audit.log.startExport(AuditFixture.ALL_EVENTS, ExportFormat.JSONL).writeTo(export);
        assertThat(export.toString(StandardCharsets.UTF_8)).doesNotContain(secret);
    }

    @Test
    void anAuditorCanConfirmWhichSecretWasSetWithoutTheLogRevealingIt() {
        String secret = "bkxpr9IULpS3jrozWj+U+JWjlOlKWWt8sf+7wovtFtQ=";
        var handle = audit.trail.begin(AuditIntent
            .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, AuditTarget.keyStore(REGION, ACCOUNT, "cks-9", "x"))
            .with(audit.trail.secretReplaced("XksProxyAuthenticationCredential.RawSecretAccessKey", secret))
            .build());
        handle.succeeded("req-1");

        assertThat(
                audit.log.checkSecret(handle.eventId(), "XksProxyAuthenticationCredential.RawSecretAccessKey", secret))
            .contains(true);
        assertThat(audit.log.checkSecret(handle.eventId(), "XksProxyAuthenticationCredential.RawSecretAccessKey",
                "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o="))
            .contains(false);
        assertThat(audit.log.checkSecret(handle.eventId(), "KeyStorePassword", secret)).isEmpty();
        assertThat(audit.log
            .page(new AuditFilter(null, null, null, AuditLogAction.CHECK_SECRET_FINGERPRINT, null, null), null, 10)
            .entries()).hasSize(2);
        assertThat(allStoredText()).noneMatch(text -> text.contains(secret) || text.contains("0/MILR7J51oM"));
    }

    @Test
    void secretChecksAreLimitedPerUserToTheConfiguredNumberInAnyMinute() {
        String secret = "bkxpr9IULpS3jrozWj+U+JWjlOlKWWt8sf+7wovtFtQ=";
        String parameter = "XksProxyAuthenticationCredential.RawSecretAccessKey";
        var handle = audit.trail.begin(AuditIntent
            .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, AuditTarget.keyStore(REGION, ACCOUNT, "cks-9", "x"))
            .with(audit.trail.secretReplaced(parameter, secret))
            .build());
        handle.succeeded("req-1");
        int limit = AuditFixture.SECRET_CHECKS_PER_MINUTE;

        actAs("guessing-auditor", "AUDITOR");
        for (int i = 1; i <= limit; i++) {
            assertThat(audit.log.checkSecret(handle.eventId(), parameter, "guess-" + i)).as("check %d", i)
                .contains(false);
        }
        clock.advance(Duration.ofMillis(59_999));
        assertThatThrownBy(() -> audit.log.checkSecret(handle.eventId(), parameter, secret))
            .isInstanceOfSatisfying(SecretCheckLimitException.class, refused -> {
                assertThat(refused.perMinute()).isEqualTo(limit);
                assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(1));
            });
        var checks = audit.log
            .page(new AuditFilter(null, null, "guessing-auditor", AuditLogAction.CHECK_SECRET_FINGERPRINT, null, null),
                    null, 50)
            .entries();
        assertThat(checks).hasSize(limit + 1);
        assertThat(checks.get(0).outcome()).isEqualTo(AuditOutcome.REJECTED);
        assertThat(checks.get(0).errorMessage()).isEqualTo("More than " + limit + " secret checks in a minute");

        actAs("another-auditor", "AUDITOR");
        assertThat(audit.log.checkSecret(handle.eventId(), parameter, secret)).as("the limit is per user")
            .contains(true);

        actAs("guessing-auditor", "AUDITOR");
        clock.advance(Duration.ofMillis(1));
        assertThat(audit.log.checkSecret(handle.eventId(), parameter, secret)).as("a minute after the first check")
            .contains(true);
    }

    @Test
    void theGeneratedSandboxKeyKeepsFingerprintsComparableAcrossRestarts() {
        var first = AuditFixture.withStoredKey(database, clock);
        String fingerprint = first.fingerprinter.fingerprint("Finance2026");
        var restarted = AuditFixture.withStoredKey(database, clock);
        assertThat(restarted.fingerprinter.fingerprint("Finance2026")).isEqualTo(fingerprint);
        assertThat(fingerprint).isNotEqualTo(audit.fingerprinter.fingerprint("Finance2026"))
            .as("the configured key is another key")
            .doesNotStartWith(audit.fingerprinter.fingerprint("Finance2026").substring(0, 20));
        assertThat(audit.jdbc.sql("select count(*) from audit_fingerprint_key").query(Long.class).single())
            .isEqualTo(1);
    }

    // ---- Fail closed ----

    @Test
    void whenTheDatabaseIsDownNothingIsAttempted() {
        var kmsCalls = new AtomicInteger();
        database.fail();

        assertThatThrownBy(() -> audit.trail.attempt(rename("cks-1", "a", "b"), handle -> kmsCalls.incrementAndGet()))
            .isInstanceOf(AuditUnavailableException.class);
        assertThatThrownBy(() -> audit.trail.begin(rename("cks-1", "a", "b")))
            .isInstanceOf(AuditUnavailableException.class);
        assertThatThrownBy(() -> audit.trail.record(signIn(), AuditResult.succeeded()))
            .isInstanceOf(AuditUnavailableException.class);
        assertThat(kmsCalls).hasValue(0);

        database.recover();
        assertThat(audit.log.page(AuditFixture.ALL_EVENTS, null, 10).entries()).isEmpty();
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void anOutcomeThatCannotBeWrittenLeavesAVisiblePendingIntentThatADescribeReconciles() {
        var handle = audit.trail.begin(rename("cks-1", "finance", "finance-eu"));
        database.fail();
        assertThat(handle.succeeded("req-lost")).isFalse();
        database.recover();

        assertThat(onlyEntry().isPending()).isTrue();
        assertThat(
                audit.log.page(new AuditFilter(null, null, null, null, null, AuditOutcome.PENDING), null, 10).entries())
            .hasSize(1);

        clock.advance(Duration.ofMinutes(3));
        actAs("bob", "VIEWER");
        int resolved = audit.trail.reconcilePending(Map.of(ref("cks-1"),
                ObservedState.of(Map.of("CustomKeyStoreName", "finance-eu", "ConnectionState", "DISCONNECTED"))));

        assertThat(resolved).isEqualTo(1);
        var entry = onlyEntry();
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(entry.isReconciled()).isTrue();
        assertThat(entry.errorName()).isEqualTo("Reconciled");
        assertThat(
                audit.log.page(new AuditFilter(null, null, null, null, null, AuditOutcome.PENDING), null, 10).entries())
            .isEmpty();
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void reconciliationSeesTheOldValuesAsAChangeThatDidNotTakeEffect() {
        loseOutcomeOf(rename("cks-1", "finance", "finance-eu"));
        clock.advance(Duration.ofMinutes(3));
        assertThat(audit.trail
            .reconcilePending(Map.of(ref("cks-1"), ObservedState.of(Map.of("CustomKeyStoreName", "finance")))))
            .isEqualTo(1);
        assertThat(onlyEntry().outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(onlyEntry().errorName()).isEqualTo("NotApplied");
    }

    @Test
    void reconciliationLeavesAnInconclusiveIntentPending() {
        loseOutcomeOf(rename("cks-1", "finance", "finance-eu"));
        loseOutcomeOf(AuditIntent
            .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, AuditTarget.keyStore(REGION, ACCOUNT, "cks-1", "x"))
            .with(audit.trail.secretReplaced("KeyStorePassword", "Finance2026"))
            .build());
        clock.advance(Duration.ofMinutes(3));

        assertThat(audit.trail
            .reconcilePending(Map.of(ref("cks-1"), ObservedState.of(Map.of("CustomKeyStoreName", "renamed-again")))))
            .isZero();
        assertThat(audit.trail.reconcilePending(Map.of(ref("cks-1"), ObservedState.of(Map.of())))).isZero();
        assertThat(audit.log.page(AuditFixture.ALL_EVENTS, null, 10).entries()).allMatch(AuditEntry::isPending);
    }

    @Test
    void oneDescribeOfEveryStoreReconcilesTheIntentsOfTheStoresItShows() {
        loseOutcomeOf(rename("cks-1", "finance", "finance-eu"));
        loseOutcomeOf(rename("cks-2", "orders", "orders-eu"));
        loseOutcomeOf(rename("cks-3", "hr", "hr-eu"));
        clock.advance(Duration.ofMinutes(3));

        int resolved = audit.trail
            .reconcilePending(Map.of(ref("cks-1"), ObservedState.of(Map.of("CustomKeyStoreName", "finance-eu")),
                    ref("cks-2"), ObservedState.of(Map.of("CustomKeyStoreName", "orders"))));

        assertThat(resolved).isEqualTo(2);
        assertThat(outcomes(AuditFilter.store("cks-1"))).containsExactly(AuditOutcome.SUCCEEDED);
        assertThat(outcomes(AuditFilter.store("cks-2"))).containsExactly(AuditOutcome.FAILED);
        assertThat(outcomes(AuditFilter.store("cks-3"))).as("not described: stays unknown")
            .containsExactly(AuditOutcome.PENDING);
    }

    @Test
    void reconciliationWaitsUntilTheIntentIsOlderThanTheGracePeriod() {
        loseOutcomeOf(rename("cks-1", "finance", "finance-eu"));
        var observed = ObservedState.of(Map.of("CustomKeyStoreName", "finance-eu"));

        clock.advance(Duration.ofSeconds(119));
        assertThat(audit.trail.reconcilePending(Map.of(ref("cks-1"), observed))).isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(audit.trail.reconcilePending(Map.of(ref("cks-1"), observed))).isEqualTo(1);
    }

    @Test
    void anIntentWhoseCallIsStillRunningIsNotReconciled() {
        var handle = audit.trail.begin(rename("cks-1", "finance", "finance-eu"));
        clock.advance(Duration.ofMinutes(5));
        assertThat(audit.trail
            .reconcilePending(Map.of(ref("cks-1"), ObservedState.of(Map.of("CustomKeyStoreName", "finance")))))
            .isZero();
        assertThat(handle.succeeded("req-late")).isTrue();
        assertThat(onlyEntry().outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
    }

    @Test
    void anIntentHasAtMostOneOutcome() {
        var intent = loseOutcomeOf(rename("cks-1", "finance", "finance-eu"));
        clock.advance(Duration.ofMinutes(3));
        audit.trail
            .reconcilePending(Map.of(ref("cks-1"), ObservedState.of(Map.of("CustomKeyStoreName", "finance-eu"))));

        assertThat(audit.trail.recordOutcome(intent, AuditResult.failed("Late", null, null, null), List.of()))
            .isFalse();
        assertThat(audit.jdbc.sql("select count(*) from audit_event where kind = 'OUTCOME'").query(Long.class).single())
            .isEqualTo(1);
    }

    // ---- Outcomes of connect and disconnect, and the outcome-unknown count ----

    static AuditIntent connection(AuditAction action, String storeId) {
        return AuditIntent.of(action, AuditTarget.keyStore(REGION, ACCOUNT, storeId, null)).reason("CHG-77").build();
    }

    /** A store of the account and Region these tests record. */
    static KeyStoreRef ref(String storeId) {
        return new KeyStoreRef(new KmsTarget(ACCOUNT, REGION), storeId);
    }

    static Map<KeyStoreRef, ObservedState> showing(Map<String, String> stateByStore) {
        var observed = new java.util.HashMap<KeyStoreRef, ObservedState>();
        stateByStore.forEach((store, state) -> observed.put(ref(store),
                ObservedState.of(Map.of("CustomKeyStoreName", "name-of-" + store, "ConnectionState", state))));
        return observed;
    }

    @Test
    void theLogFiltersByTheAccountAndRegionOfTheTargetAndListsThoseItNames() {
        record(AuditIntent
            .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE,
                    AuditTarget.keyStore("eu-west-1", "210987654321", "cks-a", "a"))
            .build());
        record(AuditIntent
            .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE,
                    AuditTarget.keyStore("us-east-1", "210987654321", "cks-b", "b"))
            .build());
        record(AuditIntent
            .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, AuditTarget.keyStore("eu-west-1", ACCOUNT, "cks-c", "c"))
            .build());
        audit.trail.record(signIn(), AuditResult.succeeded());

        assertThat(stores(new AuditFilter(null, null, null, null, null, null, "210987654321", null)))
            .containsExactly("cks-b", "cks-a");
        assertThat(stores(new AuditFilter(null, null, null, null, null, null, null, "eu-west-1")))
            .containsExactly("cks-c", "cks-a");
        assertThat(stores(new AuditFilter(null, null, null, null, null, null, "210987654321", "eu-west-1")))
            .containsExactly("cks-a");
        assertThat(stores(new AuditFilter(null, null, null, null, null, AuditOutcome.SUCCEEDED, ACCOUNT, null)))
            .containsExactly("cks-c");
        var exported = new java.util.ArrayList<String>();
        audit.queries.stream(new AuditFilter(null, null, null, null, null, null, null, "us-east-1"),
                row -> exported.add(row.targetStoreId()));
        assertThat(exported).containsExactly("cks-b");

        assertThat(audit.log.targetValues().accounts()).containsExactly(ACCOUNT, "210987654321");
        assertThat(audit.log.targetValues().regions()).containsExactly("eu-west-1", "us-east-1");
    }

    private void record(AuditIntent intent) {
        audit.trail.record(intent, AuditResult.succeeded());
    }

    @Test
    void aDescribeOfAnotherAccountOrRegionDoesNotSettleAnIntentOfAStoreWithTheSameId() {
        loseOutcomeOf(rename("cks-1", "finance", "finance-eu"));
        clock.advance(Duration.ofMinutes(3));
        var renamed = ObservedState.of(Map.of("CustomKeyStoreName", "finance-eu"));

        assertThat(audit.trail
            .reconcilePending(Map.of(new KeyStoreRef(new KmsTarget("444455556666", REGION), "cks-1"), renamed)))
            .isZero();
        assertThat(audit.trail
            .reconcilePending(Map.of(new KeyStoreRef(new KmsTarget(ACCOUNT, "eu-west-1"), "cks-1"), renamed))).isZero();
        assertThat(outcomes(AuditFilter.store("cks-1"))).containsExactly(AuditOutcome.PENDING);

        assertThat(audit.trail.reconcilePending(Map.of(ref("cks-1"), renamed))).isEqualTo(1);
    }

    @Test
    void aConnectWhoseOutcomeWasLostIsReconciledWhenADescribeShowsItConnectingOrConnected() {
        loseOutcomeOf(connection(KeyStoreAuditAction.CONNECT_CUSTOM_KEY_STORE, "cks-c1"));
        loseOutcomeOf(connection(KeyStoreAuditAction.CONNECT_CUSTOM_KEY_STORE, "cks-c2"));
        clock.advance(Duration.ofMinutes(3));

        int resolved = audit.trail.reconcilePending(showing(Map.of("cks-c1", "CONNECTING", "cks-c2", "CONNECTED")));

        assertThat(resolved).isEqualTo(2);
        for (var store : List.of("cks-c1", "cks-c2")) {
            var entry = audit.log.changeHistory(store, 10).get(0);
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(entry.isReconciled()).isTrue();
            assertThat(entry.errorName()).isEqualTo("Reconciled");
            assertThat(entry.outcomeEvent().parameters()).singleElement().satisfies(observed -> {
                assertThat(observed.name()).isEqualTo("ConnectionState");
                assertThat(observed.value()).isEqualTo(store.equals("cks-c1") ? "CONNECTING" : "CONNECTED");
            });
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aDisconnectWhoseOutcomeWasLostIsReconciledWhenADescribeShowsItDisconnectingOrDisconnected() {
        loseOutcomeOf(connection(KeyStoreAuditAction.DISCONNECT_CUSTOM_KEY_STORE, "cks-d1"));
        loseOutcomeOf(connection(KeyStoreAuditAction.DISCONNECT_CUSTOM_KEY_STORE, "cks-d2"));
        clock.advance(Duration.ofMinutes(3));

        assertThat(audit.trail.reconcilePending(showing(Map.of("cks-d1", "DISCONNECTING", "cks-d2", "DISCONNECTED"))))
            .isEqualTo(2);
        assertThat(outcomes(AuditFilter.store("cks-d1"))).containsExactly(AuditOutcome.SUCCEEDED);
        assertThat(outcomes(AuditFilter.store("cks-d2"))).containsExactly(AuditOutcome.SUCCEEDED);
    }

    @Test
    void aConnectionChangeSeenInTheStateItWouldHaveLeftDidNotTakeEffectAndAnyOtherStateStaysUnknown() {
        loseOutcomeOf(connection(KeyStoreAuditAction.CONNECT_CUSTOM_KEY_STORE, "cks-n1"));
        loseOutcomeOf(connection(KeyStoreAuditAction.DISCONNECT_CUSTOM_KEY_STORE, "cks-n2"));
        loseOutcomeOf(connection(KeyStoreAuditAction.CONNECT_CUSTOM_KEY_STORE, "cks-u1"));
        loseOutcomeOf(connection(KeyStoreAuditAction.DISCONNECT_CUSTOM_KEY_STORE, "cks-u2"));
        clock.advance(Duration.ofMinutes(3));

        assertThat(audit.trail.reconcilePending(showing(
                Map.of("cks-n1", "DISCONNECTED", "cks-n2", "CONNECTED", "cks-u1", "FAILED", "cks-u2", "CONNECTING"))))
            .isEqualTo(2);
        for (var store : List.of("cks-n1", "cks-n2")) {
            var entry = audit.log.changeHistory(store, 10).get(0);
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(entry.errorName()).isEqualTo("NotApplied");
        }
        assertThat(outcomes(AuditFilter.store("cks-u1"))).as("KMS refuses to connect a FAILED store: no telling")
            .containsExactly(AuditOutcome.PENDING);
        assertThat(outcomes(AuditFilter.store("cks-u2"))).containsExactly(AuditOutcome.PENDING);
    }

    @Test
    void anOpenIntentDeletedFromTheOpenIntentListStillCountsAsOutcomeUnknownAndIsReconciledAgain() {
        loseOutcomeOf(connection(KeyStoreAuditAction.CONNECT_CUSTOM_KEY_STORE, "cks-hidden"));
        audit.trail.begin(rename("cks-other", "a", "b")).succeeded("req-ok");
        // The attack: the open intent removed from the side table with the database
        // login.
        audit.jdbc.sql("delete from audit_open_intent").update();

        assertThat(outcomes(AuditFilter.store("cks-hidden"))).containsExactly(AuditOutcome.PENDING);
        assertThat(audit.verify().pendingIntents()).as("counted along the chain").isEqualTo(1);

        var report = audit.log.verify();
        assertThat(report.pendingIntents()).isEqualTo(1);
        assertThat(report.relistedIntents()).isEqualTo(1);
        assertThat(
                audit.log.page(new AuditFilter(null, null, null, null, null, AuditOutcome.PENDING), null, 10).entries())
            .extracting(e -> e.event().target().storeId())
            .containsExactly("cks-hidden");
        clock.advance(Duration.ofMinutes(3));
        assertThat(audit.trail.reconcilePending(showing(Map.of("cks-hidden", "CONNECTED")))).isEqualTo(1);
        assertThat(audit.verify().pendingIntents()).isZero();
    }

    /** Writes an intent whose outcome write fails; returns the stored intent row. */
    AuditEventRow loseOutcomeOf(AuditIntent intent) {
        var handle = audit.trail.begin(intent);
        database.fail();
        handle.succeeded("req-lost");
        database.recover();
        return row(handle.seq());
    }

    @Test
    void recordJoinsTheCallersTransactionAndRollsBackWithIt() {
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            audit.trail.record(signIn(), AuditResult.succeeded());
            throw new IllegalStateException("the change failed after it was recorded");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(audit.log.page(AuditFixture.ALL_EVENTS, null, 10).entries()).isEmpty();

        transactions.executeWithoutResult(status -> audit.trail.record(signIn(), AuditResult.succeeded()));
        assertThat(audit.verify().checked()).isEqualTo(1);
    }

    @Test
    void beginInsideATransactionThatHasRecordedIsRefusedInsteadOfWaitingForItself() {
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        transactions.executeWithoutResult(status -> {
            audit.trail.record(signIn(), AuditResult.succeeded());
            assertThatThrownBy(() -> audit.trail.begin(rename("cks-1", "a", "b")))
                .isInstanceOf(IllegalStateException.class);
        });
        var handle = transactions.execute(status -> audit.trail.begin(rename("cks-1", "a", "b")));
        assertThat(handle.succeeded("req")).isTrue();
        assertThat(audit.verify().checked()).isEqualTo(3);
    }

    // ---- The chain ----

    @Test
    void anUntouchedChainVerifies() {
        records(3);
        audit.trail.begin(rename("cks-1", "a", "b")).succeeded("req");
        var report = audit.verify();
        assertThat(report.intact()).isTrue();
        assertThat(report.checked()).isEqualTo(5);
        assertThat(report.headSeq()).isEqualTo(5);
        assertThat(report.headHash()).isEqualTo(row(5).hash());
        assertThat(row(1).prevHash()).isEqualTo(CanonicalForm.GENESIS);
        assertThat(row(2).prevHash()).isEqualTo(row(1).hash());
    }

    @Test
    void verifyDetectsAChangedField() {
        records(5);
        audit.jdbc.sql("update audit_event set actor = 'mallory' where seq = 3").update();
        var report = audit.verify();
        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(3, ChainBreak.Kind.CHANGED,
                "Event 3 was changed: its content no longer matches its hash."));
        assertThat(report.checked()).isEqualTo(2);
    }

    @Test
    void verifyDetectsAChangedEventWhoseHashWasRecomputed() {
        records(5);
        var forged = new AuditEventRow(3, row(3).prevHash(), row(3).eventId(), EventKind.EVENT, 3, null,
                row(3).occurredAt(), "mallory", "", null, null, "SIGN_IN", null, null, null, null, "[]", null,
                "SUCCEEDED", null, null, null, null, "");
        audit.jdbc.sql("delete from audit_event where seq = 3").update();
        insertRaw(forged.withHash(CanonicalForm.hash(forged)));

        assertThat(audit.verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(3L, ChainBreak.Kind.CHANGED);
    }

    @Test
    void verifyDetectsARemovedEvent() {
        records(5);
        audit.jdbc.sql("delete from audit_event where seq = 3").update();
        var report = audit.verify();
        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(3, ChainBreak.Kind.REMOVED, "Event 3 is missing."));
    }

    @Test
    void verifyDetectsRemovedLastEvents() {
        records(5);
        audit.jdbc.sql("delete from audit_event where seq >= 4").update();
        assertThat(audit.verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(4L, ChainBreak.Kind.REMOVED);
    }

    @Test
    void verifyDetectsAnInsertedEvent() {
        records(2);
        audit.trail.begin(rename("cks-1", "a", "b")).succeeded("req");
        records(1);
        // Make room at 3 (negate, then shift: a unique key is checked row by row) and
        // forge a well-hashed event.
        audit.jdbc.sql("update audit_event set seq = -seq where seq >= 3").update();
        audit.jdbc.sql("update audit_event set seq = 1 - seq where seq < 0").update();
        var forged = new AuditEventRow(3, row(2).hash(), UUID.randomUUID().toString(), EventKind.EVENT, 3, null,
                row(2).occurredAt(), "mallory", "ADMIN", "10.9.9.9", null, "SIGN_IN", null, null, null, null, "[]",
                null, "SUCCEEDED", null, null, null, null, "");
        insertRaw(forged.withHash(CanonicalForm.hash(forged)));

        var report = audit.verify();
        assertThat(report.firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(3L, ChainBreak.Kind.INSERTED);
        assertThat(report.checked()).isEqualTo(3);
    }

    @Test
    void verifyDetectsReorderedEvents() {
        records(5);
        audit.jdbc.sql("update audit_event set seq = -3 where seq = 3").update();
        audit.jdbc.sql("update audit_event set seq = 3 where seq = 4").update();
        audit.jdbc.sql("update audit_event set seq = 4 where seq = -3").update();

        assertThat(audit.verify().firstBreak()).isEqualTo(new ChainBreak(3, ChainBreak.Kind.REORDERED,
                "The event at position 3 was written at position 4: events were reordered."));
    }

    @Test
    void verifyDetectsAnEventAppendedBehindTheHeadsBack() {
        records(3);
        var forged = new AuditEventRow(4, row(3).hash(), UUID.randomUUID().toString(), EventKind.EVENT, 4, null,
                row(3).occurredAt(), "mallory", "ADMIN", null, null, "SIGN_IN", null, null, null, null, "[]", null,
                "SUCCEEDED", null, null, null, null, "");
        insertRaw(forged.withHash(CanonicalForm.hash(forged)));

        assertThat(audit.verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(4L, ChainBreak.Kind.INSERTED);
    }

    @Test
    void concurrentWritersKeepOneValidChain() throws Exception {
        int threads = 8;
        int appendsEach = 50;
        var pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    actAs("writer-" + thread, "OPERATOR");
                    start.await();
                    for (int i = 0; i < appendsEach; i++) {
                        if (i % 2 == 0) {
                            audit.trail.record(signIn(), AuditResult.succeeded());
                        }
                        else {
                            audit.trail.begin(rename("cks-" + thread, "n" + i, "n" + (i + 1))).succeeded("req-" + i);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        }
        finally {
            pool.shutdownNow();
        }

        int expectedRows = threads * (appendsEach / 2 + appendsEach / 2 * 2);
        var report = audit.verify();
        assertThat(report.firstBreak()).isNull();
        assertThat(report.checked()).isEqualTo(expectedRows);
        assertThat(audit.jdbc.sql("select count(*) from audit_event").query(Long.class).single())
            .isEqualTo(expectedRows);
        assertThat(
                audit.log.page(new AuditFilter(null, null, null, null, null, AuditOutcome.PENDING), null, 10).entries())
            .isEmpty();
    }

    // ---- Search ----

    @Test
    void filtersFindOnlyMatchingEntries() {
        actAs("alice", "OPERATOR");
        audit.trail.begin(rename("cks-a", "a", "a2")).succeeded("req-a");
        actAs("bob", "OPERATOR");
        audit.trail.begin(rename("cks-b", "b", "b2")).failed("CustomKeyStoreNameInUseException", null, "req-b", null);
        audit.trail.record(AuditIntent.of(AuditLogAction.ACCESS_DENIED, AuditTarget.none()).build(),
                AuditResult.denied("role"));
        audit.trail.record(AuditIntent
            .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, AuditTarget.keyStore(REGION, ACCOUNT, "cks-a", "a2"))
            .build(), AuditResult.rejected(List.of("invalid")));
        audit.trail.begin(rename("cks-a", "a2", "a3"));

        assertThat(stores(new AuditFilter(null, null, "alice", null, null, null))).containsExactly("cks-a");
        assertThat(stores(new AuditFilter(null, null, "bob", null, null, null))).containsExactly("cks-a", "cks-a", null,
                "cks-b");
        assertThat(outcomes(new AuditFilter(null, null, null, AuditLogAction.ACCESS_DENIED, null, null)))
            .containsExactly(AuditOutcome.DENIED);
        assertThat(outcomes(AuditFilter.store("cks-a"))).containsExactly(AuditOutcome.PENDING, AuditOutcome.REJECTED,
                AuditOutcome.SUCCEEDED);
        for (var outcome : List.of(AuditOutcome.SUCCEEDED, AuditOutcome.FAILED, AuditOutcome.DENIED,
                AuditOutcome.REJECTED, AuditOutcome.PENDING)) {
            assertThat(outcomes(new AuditFilter(null, null, null, null, null, outcome))).containsExactly(outcome);
        }
        assertThat(outcomes(new AuditFilter(null, null, "bob", null, "cks-b", AuditOutcome.FAILED)))
            .containsExactly(AuditOutcome.FAILED);
        assertThat(outcomes(new AuditFilter(null, null, "alice", null, null, AuditOutcome.FAILED))).isEmpty();
    }

    List<String> stores(AuditFilter filter) {
        return audit.log.page(filter, null, 50).entries().stream().map(e -> e.event().target().storeId()).toList();
    }

    List<AuditOutcome> outcomes(AuditFilter filter) {
        return audit.log.page(filter, null, 50).entries().stream().map(AuditEntry::outcome).toList();
    }

    @Test
    void aTimeRangeIncludesItsStartAndExcludesItsEnd() {
        records(5); // at 10:00:00, :01, :02, :03, :04
        assertThat(seqs(range("2026-03-01T10:00:01Z", "2026-03-01T10:00:03Z"))).containsExactly(3L, 2L);
        assertThat(seqs(range("2026-03-01T10:00:04Z", null))).containsExactly(5L);
        assertThat(seqs(range(null, "2026-03-01T10:00:00.001Z"))).containsExactly(1L);
        assertThat(seqs(range("2026-03-01T10:00:05Z", null))).isEmpty();
        assertThat(seqs(range(null, "2026-03-01T10:00:00Z"))).isEmpty();
        assertThat(seqs(range("2026-03-01T10:00:03Z", "2026-03-01T10:00:02Z"))).isEmpty();
    }

    static AuditFilter range(String from, String to) {
        return new AuditFilter(from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to), null,
                null, null, null);
    }

    List<Long> seqs(AuditFilter filter) {
        return audit.log.page(filter, null, 50).entries().stream().map(e -> e.event().seq()).toList();
    }

    @Test
    void keysetPagesEndExactlyAtTheLastEntry() {
        records(4);
        var exactlyFull = audit.log.page(AuditFixture.ALL_EVENTS, null, 4);
        assertThat(exactlyFull.entries()).hasSize(4);
        assertThat(exactlyFull.nextCursor()).as("no next page when the page holds the last entry").isNull();

        records(1);
        var first = audit.log.page(AuditFixture.ALL_EVENTS, null, 4);
        assertThat(first.entries()).extracting(e -> e.event().seq()).containsExactly(5L, 4L, 3L, 2L);
        assertThat(first.nextCursor()).isEqualTo(2L);
        var second = audit.log.page(AuditFixture.ALL_EVENTS, first.nextCursor(), 4);
        assertThat(second.entries()).extracting(e -> e.event().seq()).containsExactly(1L);
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void walkingEveryPageOfAFilterVisitsEachEntryOnce() {
        for (int i = 0; i < 7; i++) {
            audit.trail.begin(rename("cks-walk", "n" + i, "n" + (i + 1))).succeeded("req-" + i);
            audit.trail.record(signIn(), AuditResult.succeeded());
        }
        for (var filter : List.of(AuditFilter.store("cks-walk"),
                new AuditFilter(null, null, null, null, null, AuditOutcome.SUCCEEDED))) {
            Set<Long> seen = new HashSet<>();
            Long cursor = null;
            int pages = 0;
            do {
                var page = audit.log.page(filter, cursor, 3);
                page.entries().forEach(e -> assertThat(seen.add(e.event().seq())).as("seen once").isTrue());
                cursor = page.nextCursor();
                pages++;
            }
            while (cursor != null);
            int expected = filter.storeId() != null ? 7 : 14;
            assertThat(seen).hasSize(expected);
            assertThat(pages).isEqualTo((expected + 2) / 3);
        }
    }

    @Test
    void aStoresChangeHistoryShowsWhoChangedWhatFromWhatToWhat() {
        actAs("alice", "OPERATOR");
        audit.trail.begin(rename("cks-h", "orders", "orders-eu")).succeeded("req-h1");
        audit.trail.begin(rename("cks-other", "x", "y")).succeeded("req-x");
        actAs("bob", "ADMIN", "OPERATOR");
        audit.trail
            .begin(AuditIntent
                .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE,
                        AuditTarget.keyStore(REGION, ACCOUNT, "cks-h", "orders-eu"))
                .changed("XksProxyUriPath", "/kms/xks/v1", "/tenant-b/kms/xks/v1")
                .with(audit.trail.secretReplaced("XksProxyAuthenticationCredential.RawSecretAccessKey",
                        "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o="))
                .reason("INC-42 rotate")
                .build())
            .succeeded("req-h2");

        var history = audit.log.changeHistory("cks-h", 10);
        assertThat(history).hasSize(2);
        var latest = history.get(0);
        assertThat(latest.event().actor()).isEqualTo("bob");
        assertThat(latest.event().reason()).isEqualTo("INC-42 rotate");
        assertThat(latest.kmsRequestId()).isEqualTo("req-h2");
        assertThat(latest.changes()).extracting(AuditParameter::toString)
            .first()
            .isEqualTo("XksProxyUriPath: /kms/xks/v1 -> /tenant-b/kms/xks/v1");
        assertThat(latest.changes().get(1).kind()).isEqualTo(AuditParameter.Kind.SECRET_REPLACED);
        assertThat(history.get(1).changes().get(0).after()).isEqualTo("orders-eu");
        assertThat(audit.log.changeHistory("cks-h", 1)).hasSize(1);
    }

    // ---- Export ----

    @Test
    void aJsonLinesExportParsesAndItsChainVerifiesOutsideTheConsole() throws Exception {
        records(2);
        audit.trail.begin(rename("cks-1", "a", "b,\"quoted\"\nline")).succeeded("req");
        audit.trail.record(AuditIntent.of(AuditLogAction.SIGN_IN, AuditTarget.none()).reason("ünïcødé ✓ 𝄞").build(),
                AuditResult.succeeded());

        var out = new ByteArrayOutputStream();
        audit.log.startExport(AuditFixture.ALL_EVENTS, ExportFormat.JSONL).writeTo(out);
        String export = out.toString(StandardCharsets.UTF_8);
        var lines = export.split("\n");
        assertThat(lines).hasSize(6);
        var mapper = JsonMapper.builder().build();
        for (String line : lines) {
            assertThat(mapper.readTree(line).get("hash").asString()).hasSize(64);
        }

        var result = AuditExportVerifier.verify(new StringReader(export),
                new AuditExportVerifier.Options(true, null, null), new PrintStream(new ByteArrayOutputStream()));
        assertThat(result.intact()).isTrue();
        assertThat(result.events()).isEqualTo(6);
        assertThat(result.linksChecked()).isEqualTo(5);
        assertThat(result.lastHash()).isEqualTo(audit.verify().headHash());

        String tampered = export.replace("\"actor\":\"alice\"", "\"actor\":\"mallory\"");
        var broken = AuditExportVerifier.verify(new StringReader(tampered),
                new AuditExportVerifier.Options(true, null, null), new PrintStream(new ByteArrayOutputStream()));
        assertThat(broken.intact()).isFalse();
        assertThat(broken.message()).contains("event 1 was changed");
    }

    @Test
    void aFilteredExportHoldsTheMatchingIntentsWithTheirOutcomes() throws Exception {
        records(1);
        audit.trail.begin(rename("cks-x", "a", "b")).succeeded("req-x");
        records(1);
        audit.trail.begin(rename("cks-y", "c", "d")).succeeded("req-y");

        var out = new ByteArrayOutputStream();
        audit.log.startExport(AuditFilter.store("cks-x"), ExportFormat.JSONL).writeTo(out);
        String export = out.toString(StandardCharsets.UTF_8);
        var mapper = JsonMapper.builder().build();
        assertThat(export.lines().map(line -> mapper.readTree(line).get("seq").asLong()).toList()).containsExactly(2L,
                3L);

        var result = AuditExportVerifier.verify(new StringReader(export),
                new AuditExportVerifier.Options(false, null, null), new PrintStream(new ByteArrayOutputStream()));
        assertThat(result.intact()).isTrue();
        assertThat(result.gaps()).isEqualTo(1);
        assertThat(AuditExportVerifier
            .verify(new StringReader(export), new AuditExportVerifier.Options(true, null, null),
                    new PrintStream(new ByteArrayOutputStream()))
            .intact()).isFalse();
    }

    @Test
    void aCsvExportQuotesEveryCellAndNeutralisesFormulas() {
        audit.trail.record(AuditIntent.of(AuditLogAction.SIGN_IN, AuditTarget.none())
            .reason("=HYPERLINK(\"http://evil\",\"click\")")
            .build(), AuditResult.succeeded());
        audit.trail.record(AuditIntent.of(AuditLogAction.SIGN_IN, AuditTarget.none()).reason("a, \"b\"\nc").build(),
                AuditResult.failed("-1+1", "@SUM(A1)", null, null));

        var out = new ByteArrayOutputStream();
        audit.log.startExport(AuditFixture.ALL_EVENTS, ExportFormat.CSV).writeTo(out);
        String csv = out.toString(StandardCharsets.UTF_8);

        assertThat(csv).startsWith("seq,prev_hash,event_id,kind,entry_seq,");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\"");
        assertThat(csv).contains("\"a, \"\"b\"\"\nc\"");
        assertThat(csv).contains("\"'-1+1\"", "\"'@SUM(A1)\"");
        assertThat(csv).doesNotContain(",\"=", ",\"-1", ",\"@");
        assertThat(csv.split("\r\n")).as("header, two events and the export's own event").hasSize(4);
    }

}
