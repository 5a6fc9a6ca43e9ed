package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import com.cksconsole.support.MutableClock;
import com.cksconsole.keystore.KeyStoreAuditAction;

/**
 * Attacks on the chain by someone who holds the console's own database login (they can
 * read, insert, delete and move the chain head, but hold neither the chain key nor the
 * checkpoint key), and the offline check of exports with the public key alone. Run
 * against each supported database.
 */
abstract class AuditChainTamperContract {

    /**
     * The columns the database login sees and fills in as it pleases (everything but the
     * keyed link).
     */
    static final String PUBLIC_COLUMNS = "seq, event_id, kind, entry_seq, refers_to, occurred_at, actor, actor_roles, "
            + "source_ip, session_hash, action, target_region, target_account, target_store_id, target_store_name, "
            + "parameters, reason, outcome, error_name, error_message, kms_request_id, duration_ms, prev_hash, hash";

    final MutableClock clock = new MutableClock(AuditLogContract.START);

    DataSource database;

    AuditFixture audit;

    /** A data source on an empty database or schema. */
    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        database = emptyDatabase();
        audit = AuditFixture.migrated(database, clock);
        AuditLogContract.actAs("alice", "OPERATOR");
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    void records(int count) {
        AuditLogContract.records(audit, clock, count);
    }

    AuditEventRow row(long seq) {
        return AuditLogContract.row(audit, seq);
    }

    static AuditIntent connect(String storeId) {
        return AuditIntent
            .of(KeyStoreAuditAction.CONNECT_CUSTOM_KEY_STORE,
                    AuditTarget.keyStore(AuditLogContract.REGION, AuditLogContract.ACCOUNT, storeId, null))
            .build();
    }

    /**
     * Inserts a row as the database login can: every public column, hashed by the public
     * (SHA-256) scheme.
     */
    static void insertAsTheDatabaseLogin(JdbcClient jdbc, AuditEventRow r) {
        jdbc.sql("insert into audit_event (" + PUBLIC_COLUMNS + ") values (:seq, :eventId, :kind, :entrySeq, "
                + ":refersTo, :occurredAt, :actor, :roles, :ip, :session, :action, :region, :account, :storeId, "
                + ":storeName, :parameters, :reason, :outcome, :errorName, :errorMessage, :requestId, :duration, "
                + ":prevHash, :hash)")
            .param("seq", r.seq())
            .param("eventId", r.eventId())
            .param("kind", r.kind().name())
            .param("entrySeq", r.entrySeq())
            .param("refersTo", r.refersTo())
            .param("occurredAt", AuditEventRepository.utc(Instant.parse(r.occurredAt())))
            .param("actor", r.actor())
            .param("roles", r.actorRoles())
            .param("ip", r.sourceIp())
            .param("session", r.sessionHash())
            .param("action", r.action())
            .param("region", r.targetRegion())
            .param("account", r.targetAccount())
            .param("storeId", r.targetStoreId())
            .param("storeName", r.targetStoreName())
            .param("parameters", r.parameters())
            .param("reason", r.reason())
            .param("outcome", r.outcome())
            .param("errorName", r.errorName())
            .param("errorMessage", r.errorMessage())
            .param("requestId", r.kmsRequestId())
            .param("duration", r.durationMs())
            .param("prevHash", r.prevHash())
            .param("hash", r.hash())
            .update();
    }

    static void moveTheHead(JdbcClient jdbc, AuditEventRow to) {
        jdbc.sql("update audit_chain_head set last_seq = :seq, last_hash = :hash, last_occurred_at = :at where id = 1")
            .param("seq", to.seq())
            .param("hash", to.hash())
            .param("at", AuditEventRepository.utc(Instant.parse(to.occurredAt())))
            .update();
    }

    // ---- The keyed chain ----

    @Test
    void anOutcomeForgedWithTheDatabaseLoginBreaksTheChain() {
        records(2);
        var intent = audit.trail.begin(connect("cks-forged"));
        var intentRow = row(intent.seq());
        var head = row(intent.seq());

        // The attack: a well-hashed OUTCOME saying the connect succeeded, the head moved
        // onto it, the open intent gone.
        var forged = new AuditEventRow(head.seq() + 1, head.hash(), UUID.randomUUID().toString(), EventKind.OUTCOME,
                intentRow.seq(), intentRow.eventId(), head.occurredAt(), "alice", "OPERATOR", null, null,
                intentRow.action(), intentRow.targetRegion(), intentRow.targetAccount(), intentRow.targetStoreId(),
                null, "[]", null, "SUCCEEDED", null, null, "forged-request-id", 80L, "");
        forged = forged.withHash(CanonicalForm.hash(forged));
        insertAsTheDatabaseLogin(audit.jdbc, forged);
        moveTheHead(audit.jdbc, forged);
        audit.jdbc.sql("delete from audit_open_intent where intent_seq = :seq").param("seq", intentRow.seq()).update();

        var report = audit.verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(forged.seq(), ChainBreak.Kind.FORGED);
        assertThat(report.firstBreak().description()).contains("not written by the console");
        assertThat(report.checked()).isEqualTo(forged.seq() - 1);
    }

    @Test
    void aRowCopiedWithAnotherRowsLinkIsForgedToo() {
        records(3);
        var last = row(3);
        var forged = new AuditEventRow(4, last.hash(), UUID.randomUUID().toString(), EventKind.EVENT, 4, null,
                last.occurredAt(), "mallory", "ADMIN", null, null, "SIGN_IN", null, null, null, null, "[]", null,
                "SUCCEEDED", null, null, null, null, "");
        forged = forged.withHash(CanonicalForm.hash(forged)).withLink(last.link());
        insertAsTheDatabaseLogin(audit.jdbc, forged);
        audit.jdbc.sql("update audit_event set link = :link where seq = 4").param("link", last.link()).update();
        audit.jdbc.sql("update audit_chain_head set last_seq = 4, last_hash = :hash, last_link = :link where id = 1")
            .param("hash", forged.hash())
            .param("link", last.link())
            .update();

        assertThat(audit.verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(4L, ChainBreak.Kind.FORGED);
    }

    @Test
    void eventsWrittenBeforeTheKeyedChainStillVerifyAndTheKeyedChainStartsAfterThem() {
        // A log written by the previous version (public hashes only), then the migration,
        // then the new version.
        var legacyDatabase = emptyDatabase();
        var flyway = Flyway.configure()
            .dataSource(legacyDatabase)
            .locations("classpath:db/migration")
            .target("40")
            .load();
        flyway.migrate();
        var jdbc = JdbcClient.create(legacyDatabase);
        String previous = CanonicalForm.GENESIS;
        AuditEventRow legacy = null;
        for (long seq = 1; seq <= 3; seq++) {
            var unhashed = new AuditEventRow(seq, previous, UUID.randomUUID().toString(), EventKind.EVENT, seq, null,
                    "2026-02-01T10:00:0" + seq + ".000Z", "bob", "ADMIN", null, null, "SIGN_IN", null, null, null, null,
                    "[]", null, "SUCCEEDED", null, null, null, null, "");
            legacy = unhashed.withHash(CanonicalForm.hash(unhashed));
            insertAsTheDatabaseLogin(jdbc, legacy);
            previous = legacy.hash();
        }
        moveTheHead(jdbc, legacy);
        var upgraded = AuditFixture.migrated(legacyDatabase, clock);
        upgraded.trail.record(AuditLogContract.signIn(), AuditResult.succeeded());
        upgraded.trail.begin(AuditLogContract.rename("cks-1", "a", "b")).succeeded("req-1");

        var report = upgraded.verify();
        assertThat(report.firstBreak()).isNull();
        assertThat(report.checked()).isEqualTo(6);
        assertThat(report.keyedFrom()).isEqualTo(4);
        assertThat(upgraded.jdbc.sql("select count(*) from audit_event where link is null").query(Long.class).single())
            .isEqualTo(3);

        // An event forged after the upgrade cannot pass as one written before the keyed
        // chain...
        var head = AuditLogContract.row(upgraded, 6);
        var forged = new AuditEventRow(7, head.hash(), UUID.randomUUID().toString(), EventKind.EVENT, 7, null,
                head.occurredAt(), "mallory", "ADMIN", null, null, "SIGN_IN", null, null, null, null, "[]", null,
                "SUCCEEDED", null, null, null, null, "");
        forged = forged.withHash(CanonicalForm.hash(forged));
        insertAsTheDatabaseLogin(upgraded.jdbc, forged);
        moveTheHead(upgraded.jdbc, forged);
        assertThat(upgraded.verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(7L, ChainBreak.Kind.FORGED);
        // ...nor by moving the start of the keyed chain past it: the keyed events before
        // it give that away.
        upgraded.jdbc.sql("update audit_chain_head set keyed_from = 8 where id = 1").update();
        assertThat(upgraded.verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(4L, ChainBreak.Kind.CHANGED);
    }

    @Test
    void anInstanceWithAnotherChainKeyAppendsNothing() {
        records(1);
        audit.jdbc.sql("update audit_chain_head set chain_key_id = 'ffffffff' where id = 1").update();
        var kmsCalls = new AtomicInteger();

        assertThatThrownBy(() -> audit.trail.attempt(connect("cks-1"), handle -> kmsCalls.incrementAndGet()))
            .isInstanceOf(AuditUnavailableException.class)
            .hasMessageContaining("console.audit.chain-key");
        assertThat(kmsCalls).hasValue(0);
        assertThat(audit.jdbc.sql("select count(*) from audit_event").query(Long.class).single()).isEqualTo(1);
    }

    // ---- Signed checkpoints ----

    @Test
    void aCheckpointSignsTheVerifiedHeadAndTheChainMatchesIt() throws IOException {
        records(3);
        var checkpoint = audit.checkpoint();
        records(2);

        assertThat(checkpoint.seq()).isEqualTo(3);
        assertThat(checkpoint.hash()).isEqualTo(row(3).hash());
        assertThat(checkpoint.link()).isEqualTo(row(3).link());
        assertThat(checkpoint.signedBy(audit.checkpointKey)).isTrue();
        assertThat(Files.readAllLines(audit.checkpointFile.path())).singleElement().isEqualTo(checkpoint.toJson());
        var report = audit.verify();
        assertThat(report.intact()).isTrue();
        assertThat(report.checkpoint().status()).isEqualTo(CheckpointCheck.Status.MATCHES);
        assertThat(report.checkpoint().checkpoint()).isEqualTo(checkpoint);
    }

    @Test
    void withoutACheckpointTheReportSaysNothingAnchorsTheChain() {
        records(2);
        var report = audit.verify();
        assertThat(report.intact()).isTrue();
        assertThat(report.checkpoint().status()).isEqualTo(CheckpointCheck.Status.NONE);
    }

    @Test
    void deletingTheNewestEventsAfterACheckpointNoLongerMatchesIt() {
        records(5);
        audit.checkpoint();

        // The attack: the last two events deleted, the head moved back onto event 3 (its
        // hash and keyed link).
        var newHead = row(3);
        audit.jdbc.sql("delete from audit_event where seq > 3").update();
        audit.jdbc.sql("update audit_chain_head set last_seq = 3, last_hash = :hash, last_link = :link where id = 1")
            .param("hash", newHead.hash())
            .param("link", newHead.link())
            .update();

        var report = audit.verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.checkpoint().status()).isEqualTo(CheckpointCheck.Status.DOES_NOT_MATCH);
        assertThat(report.firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(4L, ChainBreak.Kind.REMOVED);
        assertThat(report.firstBreak().description()).contains("events 4 to 5 were removed");
    }

    @Test
    void evenWithTheChainKeyAChainRewrittenUnderACheckpointDoesNotMatchIt() {
        records(4);
        audit.checkpoint();

        // Someone who also stole the chain key rewrites event 2 and re-links every event
        // after it.
        String previousHash = row(1).hash();
        String previousLink = row(1).link();
        for (long seq = 2; seq <= 4; seq++) {
            var original = row(seq);
            var changed = new AuditEventRow(seq, previousHash, original.eventId(), original.kind(), original.entrySeq(),
                    original.refersTo(), original.occurredAt(), seq == 2 ? "mallory" : original.actor(),
                    original.actorRoles(), original.sourceIp(), original.sessionHash(), original.action(), null, null,
                    null, null, original.parameters(), null, original.outcome(), null, null, null, null, "");
            changed = changed.withHash(CanonicalForm.hash(changed));
            changed = changed.withLink(AuditFixture.CHAIN_KEY.link(seq, previousLink, changed.hash()));
            audit.jdbc.sql("delete from audit_event where seq = :seq").param("seq", seq).update();
            insertAsTheDatabaseLogin(audit.jdbc, changed);
            audit.jdbc.sql("update audit_event set link = :link where seq = :seq")
                .param("link", changed.link())
                .param("seq", seq)
                .update();
            previousHash = changed.hash();
            previousLink = changed.link();
        }
        audit.jdbc.sql("update audit_chain_head set last_hash = :hash, last_link = :link where id = 1")
            .param("hash", previousHash)
            .param("link", previousLink)
            .update();

        var report = audit.verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.checkpoint().status()).isEqualTo(CheckpointCheck.Status.DOES_NOT_MATCH);
        assertThat(report.firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(4L, ChainBreak.Kind.CHANGED);
    }

    @Test
    void noCheckpointIsSignedOverABrokenChain() throws IOException {
        records(2);
        audit.checkpoint();
        audit.jdbc.sql("update audit_event set actor = 'mallory' where seq = 2").update();
        records(1);

        var signing = audit.checkpoints.sign();
        assertThat(signing.checkpoint()).isNull();
        assertThat(signing.refusal()).contains("broken at event 2");
        assertThat(Files.readAllLines(audit.checkpointFile.path())).hasSize(1);
    }

    @Test
    void aCheckpointFileChangedOutsideTheConsoleIsReported() throws IOException {
        records(3);
        var checkpoint = audit.checkpoint();
        Files.writeString(audit.checkpointFile.path(), checkpoint.toJson().replace("\"seq\":3", "\"seq\":2") + "\n");

        var report = audit.verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBreak()).isNull();
        assertThat(report.checkpoint().status()).isEqualTo(CheckpointCheck.Status.INVALID);
        assertThat(report.checkpoint().description()).contains("not signed by this console's checkpoint key");
    }

    @Test
    void thePeriodicCheckpointIsSignedOnlyWhenEventsWereAppended() throws IOException {
        audit.checkpoints.signIfHeadMoved();
        assertThat(Files.exists(audit.checkpointFile.path())).as("an empty chain has no head to sign").isFalse();
        records(2);
        audit.checkpoints.signIfHeadMoved();
        audit.checkpoints.signIfHeadMoved();
        records(1);
        audit.checkpoints.signIfHeadMoved();

        assertThat(Files.readAllLines(audit.checkpointFile.path())).extracting(line -> Checkpoint.parse(line).seq())
            .containsExactly(2L, 3L);
    }

    @Test
    void twoInstancesOnOneDatabaseSignOnePeriodicCheckpointPerPeriod() throws Exception {
        var interval = Duration.ofHours(1);
        var other = AuditFixture.anotherInstance(database, clock);
        var first = audit.checkpointSchedule(interval);
        var second = other.checkpointSchedule(interval);
        records(2);

        ticksAtOnce(first, second);
        first.tick();
        second.tick();

        assertThat(checkpointSeqs(audit, other)).as("one checkpoint in the period, by whichever claimed it")
            .containsExactly(2L);

        clock.advance(interval);
        records(1);
        second.tick();
        first.tick();

        assertThat(checkpointSeqs(audit, other)).containsExactlyInAnyOrder(2L, 3L);
        assertThat(checkpointSeqs(other)).as("the next period goes to the instance whose schedule ran first")
            .contains(3L);
    }

    /** Runs both schedules' ticks on two threads released at the same moment. */
    static void ticksAtOnce(CheckpointSchedule first, CheckpointSchedule second) throws Exception {
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            var ticks = List.of(pool.submit(() -> {
                start.await();
                first.tick();
                return null;
            }), pool.submit(() -> {
                start.await();
                second.tick();
                return null;
            }));
            start.countDown();
            for (var tick : ticks) {
                tick.get(30, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** The seqs of the checkpoints in the instances' checkpoint files, in file order. */
    static List<Long> checkpointSeqs(AuditFixture... instances) throws IOException {
        var seqs = new ArrayList<Long>();
        for (var instance : instances) {
            if (Files.exists(instance.checkpointFile.path())) {
                Files.readAllLines(instance.checkpointFile.path())
                    .forEach(line -> seqs.add(Checkpoint.parse(line).seq()));
            }
        }
        return seqs;
    }

    // ---- Exports checked with the public key only ----

    String export() {
        var out = new ByteArrayOutputStream();
        audit.log.startExport(AuditFixture.ALL_EVENTS, ExportFormat.JSONL).writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    AuditExportVerifier.Result verifyOffline(String export, boolean complete, String publicKeyPem, byte[] chainKey)
            throws IOException {
        var options = new AuditExportVerifier.Options(complete,
                publicKeyPem == null ? null : AuditExportVerifier.publicKey(publicKeyPem), chainKey);
        return AuditExportVerifier.verify(new StringReader(export), options,
                new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void anExportCarriesTheCheckpointAndVerifiesWithThePublicKeyAlone() throws IOException {
        records(3);
        var checkpoint = audit.checkpoint();
        records(1);
        String export = export();

        assertThat(export.lines().findFirst()).contains(checkpoint.toJson());
        var result = verifyOffline(export, true, audit.checkpointPublicKeyPem(), null);
        assertThat(result.intact()).as(result.message()).isTrue();
        assertThat(result.events()).isEqualTo(5);
        assertThat(result.checkpoint()).startsWith("matches the checkpoint signed at").endsWith("(signature valid)");
        var withKey = verifyOffline(export, true, audit.checkpointPublicKeyPem(),
                Base64.getDecoder().decode(AuditFixture.CHAIN_KEY_BASE64));
        assertThat(withKey.intact()).as(withKey.message()).isTrue();
        assertThat(withKey.message()).contains("5 keyed links checked");
    }

    @Test
    void aCsvExportEndsWithTheCheckpointForItsReader() {
        records(2);
        var checkpoint = audit.checkpoint();
        var out = new ByteArrayOutputStream();
        audit.log.startExport(AuditFixture.ALL_EVENTS, ExportFormat.CSV).writeTo(out);

        var records = out.toString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(records[0]).startsWith("seq,").endsWith(",hash,link");
        assertThat(records[records.length - 1])
            .isEqualTo("\"checkpoint\",\"" + checkpoint.toJson().replace("\"", "\"\"") + "\"");
    }

    @Test
    void anExportRewrittenUnderItsCheckpointFailsWithThePublicKey() throws IOException {
        records(3);
        audit.checkpoint();
        String export = export();
        // Event 2 changed, and every public hash after it recomputed: the public chain
        // alone still holds.
        var rewritten = new StringBuilder();
        String previousHash = null;
        for (String line : export.split("\n")) {
            var event = new LinkedHashMap<String, @Nullable Object>(new AuditExportVerifier.FlatJson(line).object());
            if (event.containsKey("type")) {
                rewritten.append(line).append('\n');
                continue;
            }
            if (Long.parseLong((String) event.get("seq")) < 2) {
                rewritten.append(line).append('\n');
                previousHash = (String) event.get("hash");
                continue;
            }
            if (event.get("seq").equals("2")) {
                event.put("actor", "mallory");
            }
            event.put("prev_hash", previousHash);
            @SuppressWarnings("unchecked")
            var text = (Map<String, String>) (Map<String, ?>) event;
            previousHash = AuditExportVerifier.sha256(AuditExportVerifier.canonical(text));
            event.put("hash", previousHash);
            rewritten.append(AuditJson.write(event)).append('\n');
        }

        String withoutCheckpoint = rewritten.toString()
            .lines()
            .filter(line -> !line.contains(Checkpoint.TYPE))
            .reduce("", (a, b) -> a + b + "\n");
        assertThat(verifyOffline(withoutCheckpoint, true, null, null).intact()).as("the public chain alone cannot tell")
            .isTrue();
        var result = verifyOffline(rewritten.toString(), true, audit.checkpointPublicKeyPem(), null);
        assertThat(result.intact()).isFalse();
        assertThat(result.message()).contains("event 3 is not the event the checkpoint");
    }

    @Test
    void aForgedCheckpointInAnExportFailsWithThePublicKey() throws IOException {
        records(3);
        var checkpoint = audit.checkpoint();
        String export = export();
        String cutShort = export.lines()
            .filter(line -> !line.contains("\"seq\":3,\"prev_hash\"") && !line.contains("\"seq\":4,\"prev_hash\""))
            .map(line -> line.equals(checkpoint.toJson()) ? line.replace("\"seq\":3", "\"seq\":2")
                .replace(checkpoint.hash(), row(2).hash())
                .replace(checkpoint.link(), row(2).link()) : line)
            .reduce("", (a, b) -> a + b + "\n");

        var result = verifyOffline(cutShort, true, audit.checkpointPublicKeyPem(), null);
        assertThat(result.intact()).isFalse();
        assertThat(result.message()).contains("signature is not valid for the given public key");

        // Re-signed with the attacker's own key: it names a key that is not the
        // console's.
        var mallorysKey = CheckpointKey.generate();
        var resigned = Checkpoint.sign(2, row(2).hash(), row(2).link(), checkpoint.keyedFrom(), checkpoint.createdAt(),
                checkpoint.chainKeyId(), mallorysKey);
        String resignedExport = cutShort.replaceFirst("(?m)^\\{\"type\".*$", resigned.toJson());
        assertThat(verifyOffline(resignedExport, true, audit.checkpointPublicKeyPem(), null).message())
            .contains("names another signing key");
        assertThat(verifyOffline(resignedExport, true, mallorysKey.publicKeyPem(), null).intact())
            .as("only the console's public key, taken from the console, proves anything")
            .isTrue();
    }

    @Test
    void aCompleteExportCutShortOfItsCheckpointOrWithoutOneFailsWithThePublicKey() throws IOException {
        records(4);
        var checkpoint = audit.checkpoint();
        String export = export();
        String withoutTheLastEvents = String.join("\n", export.lines().toList().subList(0, 3)) + "\n";
        String withoutCheckpoint = export.lines()
            .filter(line -> !line.equals(checkpoint.toJson()))
            .reduce("", (a, b) -> a + b + "\n");

        assertThat(verifyOffline(withoutTheLastEvents, true, audit.checkpointPublicKeyPem(), null).message())
            .contains("the export ends at event 2, before the event the checkpoint");
        assertThat(verifyOffline(withoutCheckpoint, true, audit.checkpointPublicKeyPem(), null).message())
            .contains("carries no signed checkpoint");
    }

    @Test
    void withTheChainKeyTheOfflineVerifierFindsAForgedEvent() throws IOException {
        records(2);
        var last = row(2);
        var forged = new AuditEventRow(3, last.hash(), UUID.randomUUID().toString(), EventKind.EVENT, 3, null,
                last.occurredAt(), "mallory", "ADMIN", null, null, "SIGN_IN", null, null, null, null, "[]", null,
                "SUCCEEDED", null, null, null, null, "");
        insertAsTheDatabaseLogin(audit.jdbc, forged.withHash(CanonicalForm.hash(forged)));
        moveTheHead(audit.jdbc, forged.withHash(CanonicalForm.hash(forged)));
        String export = export();

        assertThat(verifyOffline(export, true, null, null).intact()).isTrue();
        var result = verifyOffline(export, true, null, Base64.getDecoder().decode(AuditFixture.CHAIN_KEY_BASE64));
        assertThat(result.intact()).isFalse();
        assertThat(result.message()).contains("event 3 has no keyed link");
    }

}
