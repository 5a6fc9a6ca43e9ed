package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The verification of the chain, rule by rule, on a log held in memory: every row is
 * hashed ({@link CanonicalForm}) and linked ({@link ChainKey}) exactly as the console
 * writes it, then tampered with as the database login (no chain key) or someone holding
 * the chain key could. The rules are those of docs/audit.md ("Verify in the console") and
 * docs/security.md (keyed chain and signed checkpoints).
 */
class ChainVerifierTest {

    private static final ChainKey KEY = AuditFixture.CHAIN_KEY;

    private static final ChainKey OTHER_KEY = ChainKey.ofBase64("b3RoZXItY2hhaW4ta2V5LTAxMjM0NTY3ODlhYmNkZWYwMQ==");

    private static final CheckpointKey CHECKPOINT_KEY = CheckpointKey.generate();

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path directory;

    private StoredLog log;

    private CheckpointFile checkpointFile;

    private ChainVerifier verifier;

    @BeforeEach
    void emptyLog() {
        log = new StoredLog();
        checkpointFile = new CheckpointFile(directory.resolve("checkpoints.jsonl"));
        verifier = new ChainVerifier(log, Clock.fixed(NOW, ZoneOffset.UTC), KEY, checkpointFile, CHECKPOINT_KEY);
    }

    private ChainReport verify() {
        return verifier.verifyWithOpenIntents().report();
    }

    private void events(int count) {
        for (int i = 0; i < count; i++) {
            log.event();
        }
    }

    // --- an intact chain

    /**
     * An intact chain is reported intact: every event checked, the head's seq and hash,
     * when, and the keyed link of the head (what a checkpoint signs).
     */
    @Test
    void anIntactChainIsCheckedFromTheFirstEventToTheHead() {
        events(5);

        var verification = verifier.verifyWithOpenIntents();

        var report = verification.report();
        assertThat(report.firstBreak()).isNull();
        assertThat(report.intact()).isTrue();
        assertThat(report.checked()).isEqualTo(5);
        assertThat(report.headSeq()).isEqualTo(5);
        assertThat(report.headHash()).isEqualTo(log.row(5).hash());
        assertThat(report.verifiedAt()).isEqualTo(NOW);
        assertThat(report.keyedFrom()).isEqualTo(1);
        assertThat(report.relistedIntents()).isZero();
        assertThat(verification.headLink()).isEqualTo(log.row(5).link()).isNotNull();
    }

    /** An empty log is intact: nothing to check, the head is the genesis hash. */
    @Test
    void anEmptyChainIsIntact() {
        var verification = verifier.verifyWithOpenIntents();

        var report = verification.report();
        assertThat(report.firstBreak()).isNull();
        assertThat(report.intact()).isTrue();
        assertThat(report.checked()).isZero();
        assertThat(report.headSeq()).isZero();
        assertThat(report.headHash()).isEqualTo(CanonicalForm.GENESIS);
        assertThat(verification.headLink()).isNull();
        assertThat(verification.openIntents()).isEmpty();
    }

    /** The head's seq is the last seq the chain head records. */
    @Test
    void theHeadSeqIsTheOneTheChainHeadRecords() {
        events(3);

        assertThat(verifier.headSeq()).isEqualTo(3);
    }

    /**
     * Intents without an outcome are counted along the chain, in chain order; an outcome
     * closes the intent it refers to, and a one-shot event is no intent.
     */
    @Test
    void intentsWithoutAnOutcomeAreListedInChainOrder() {
        var first = log.intent();
        log.event();
        var second = log.intent();
        log.outcome(first);
        var third = log.intent();

        var verification = verifier.verifyWithOpenIntents();

        assertThat(verification.openIntents()).containsExactly(second.seq(), third.seq());
        assertThat(verification.report().pendingIntents()).isEqualTo(2);
        assertThat(verification.report().firstBreak()).isNull();
    }

    // --- changed events

    /**
     * An event whose content no longer matches its hash is changed; the walk stops there,
     * so nothing after it counts as checked (nor its intents as pending).
     */
    @Test
    void anEventWhoseContentNoLongerMatchesItsHashIsChangedAndTheWalkStopsThere() {
        events(2);
        log.event();
        log.intent();
        log.replace(copy(log.row(3), r -> r.actor("mallory")));

        var verification = verifier.verifyWithOpenIntents();

        assertThat(verification.report().firstBreak()).isEqualTo(new ChainBreak(3, ChainBreak.Kind.CHANGED,
                "Event 3 was changed: its content no longer matches its hash."));
        assertThat(verification.report().checked()).isEqualTo(2);
        assertThat(verification.report().intact()).isFalse();
        assertThat(verification.openIntents()).isEmpty();
    }

    /**
     * An event changed and re-hashed (even re-linked with the chain key) is found where
     * the next event no longer links to it.
     */
    @Test
    void anEventChangedAndReHashedIsFoundWhereTheNextEventNoLongerLinksToIt() {
        events(5);
        log.replace(log.sealed(copy(log.row(3), r -> r.actor("mallory")), log.row(2).link()));

        var report = verify();

        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(3, ChainBreak.Kind.CHANGED,
                "Event 3 was changed and its hash recomputed: event 4 no longer links to it."));
        assertThat(report.checked()).isEqualTo(3);
    }

    /**
     * The prev_hash link is checked between consecutive events: a forged last event with
     * a correctly recomputed hash and a valid keyed link (the chain key holder), the head
     * moved to it, but a prev_hash that is not its predecessor's hash, breaks the chain
     * at that link.
     */
    @Test
    void aForgedEventWithARecomputedHashButAWrongPrevHashBreaksTheChain() {
        events(4);
        var forged = log.sealed(copy(log.row(4), r -> r.seq(5).prevHash("f".repeat(64)).actor("mallory")),
                log.row(4).link());
        log.replace(forged);
        log.moveHeadTo(forged);

        var report = verify();

        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(4, ChainBreak.Kind.CHANGED,
                "Event 4 was changed and its hash recomputed: event 5 no longer links to it."));
        assertThat(report.intact()).isFalse();
    }

    /**
     * Before the keyed chain (events written before migration V46) the prev_hash link is
     * the only protection: a forged event re-hashed through the database login, inserted
     * in place of another, breaks the chain.
     */
    @Test
    void aForgedEventBeforeTheKeyedChainIsCaughtByItsPrevHashAlone() {
        log.keyedFrom = 10;
        events(5);
        log.replace(log.sealed(copy(log.row(3), r -> r.prevHash(log.row(1).hash())), null));

        var report = verify();

        assertThat(report.firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(2L, ChainBreak.Kind.CHANGED);
        assertThat(report.checked()).isEqualTo(2);
    }

    /**
     * The first event starts from the genesis hash: a first event forged with a
     * recomputed hash but another prev_hash is reported at event 1 (there is no event 0).
     */
    @Test
    void aFirstEventThatDoesNotStartFromTheGenesisHashIsChanged() {
        events(3);
        log.replace(log.sealed(copy(log.row(1), r -> r.prevHash("f".repeat(64))), null));

        var report = verify();

        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(1, ChainBreak.Kind.CHANGED,
                "Event 1 was changed and its hash recomputed: it does not start from the genesis hash (64 zeros)."));
        assertThat(report.checked()).isZero();
    }

    /**
     * A first event changed, with another prev_hash, and not re-hashed does not start
     * from the genesis hash.
     */
    @Test
    void aChangedFirstEventThatDoesNotStartFromTheGenesisHashIsALinkBreak() {
        events(3);
        log.replace(copy(log.row(1), r -> r.prevHash("f".repeat(64)).actor("mallory")));

        assertThat(verify().firstBreak()).isEqualTo(new ChainBreak(1, ChainBreak.Kind.LINK_BROKEN,
                "Event 1 does not start from the genesis hash (64 zeros)."));
    }

    /**
     * An event whose content and prev_hash were both changed, and that was not moved from
     * elsewhere, does not link to its predecessor.
     */
    @Test
    void anEventThatDoesNotLinkToItsPredecessorForNoRecognisableReasonIsALinkBreak() {
        events(4);
        log.replace(copy(log.row(3), r -> r.prevHash("f".repeat(64)).actor("mallory")));

        var report = verify();

        assertThat(report.firstBreak())
            .isEqualTo(new ChainBreak(3, ChainBreak.Kind.LINK_BROKEN, "Event 3 does not link to event 2."));
        assertThat(report.checked()).isEqualTo(2);
    }

    // --- removed, inserted, reordered

    /** A gap of one event is reported at the missing event. */
    @Test
    void aMissingEventIsRemoved() {
        events(5);
        log.remove(3);

        var report = verify();

        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(3, ChainBreak.Kind.REMOVED, "Event 3 is missing."));
        assertThat(report.checked()).isEqualTo(2);
    }

    /** A gap of several events is reported at the first one and names the range. */
    @Test
    void severalMissingEventsAreRemovedAsARange() {
        events(5);
        log.remove(1);
        log.remove(2);

        var report = verify();

        assertThat(report.firstBreak())
            .isEqualTo(new ChainBreak(1, ChainBreak.Kind.REMOVED, "Events 1 to 2 are missing."));
        assertThat(report.checked()).isZero();
    }

    /**
     * The newest events deleted while the head still records them: fewer events than the
     * chain head records.
     */
    @Test
    void aTailCutShortOfTheChainHeadIsRemoved() {
        events(5);
        log.remove(4);
        log.remove(5);

        var report = verify();

        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(4, ChainBreak.Kind.REMOVED,
                "Events 4 to 5 are missing: the chain head records 5 events."));
        assertThat(report.checked()).isEqualTo(3);
        assertThat(report.headSeq()).isEqualTo(5);
    }

    /**
     * An event inserted into the chain (the later ones renumbered) is found where the
     * event after it links past it.
     */
    @Test
    void anEventInsertedIntoTheChainIsFoundWhereTheNextEventLinksPastIt() {
        events(4);
        for (long seq = 4; seq >= 3; seq--) {
            log.replace(log.row(seq).withSeq(seq + 1));
        }
        var forged = log.sealed(copy(log.row(2), r -> r.seq(3).prevHash(log.row(2).hash()).actor("mallory")),
                log.row(2).link());
        log.replace(forged);
        log.moveHeadTo(log.row(5));

        var report = verify();

        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(3, ChainBreak.Kind.INSERTED,
                "Event 3 was inserted: the event after it was written as 3 and links to event 2."));
        assertThat(report.checked()).isEqualTo(3);
    }

    /** An event inserted in front of the first one is found at event 1. */
    @Test
    void anEventInsertedBeforeTheFirstIsFound() {
        log.keyedFrom = 10;
        events(2);
        log.replace(log.row(2).withSeq(3));
        log.replace(log.row(1).withSeq(2));
        log.replace(log.sealed(copy(log.row(2), r -> r.seq(1).actor("mallory")), null));
        log.moveHeadTo(log.row(3));

        assertThat(verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(1L, ChainBreak.Kind.INSERTED);
    }

    /**
     * A row stored beyond the chain head, even well hashed and linked, was not appended
     * by the console.
     */
    @Test
    void aRowBeyondTheChainHeadIsInserted() {
        events(3);
        var head = log.row(3);
        log.event();
        log.moveHeadTo(head);

        var report = verify();

        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(4, ChainBreak.Kind.INSERTED,
                "Event 4 lies beyond the chain head (3): it was not appended by the console."));
        assertThat(report.checked()).isEqualTo(3);
    }

    /**
     * A row the console appended after the verification read the head is not mistaken for
     * an insertion: the head is read again before a row beyond it is reported.
     */
    @Test
    void anEventAppendedDuringTheVerificationIsNoInsertion() {
        events(3);
        var head = log.row(3);
        var appended = log.event();
        log.moveHeadTo(head);
        log.onHeadRead = () -> log.moveHeadTo(appended);

        var report = verify();

        assertThat(report.firstBreak()).isNull();
        assertThat(report.headSeq()).isEqualTo(3);
        assertThat(report.checked()).isEqualTo(3);
    }

    /** Two events swapped: the first misplaced one names where it was written. */
    @Test
    void swappedEventsAreReordered() {
        events(5);
        var third = log.row(3);
        log.replace(log.row(4).withSeq(3));
        log.replace(third.withSeq(4));

        var report = verify();

        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(3, ChainBreak.Kind.REORDERED,
                "The event at position 3 was written at position 4: events were reordered."));
        assertThat(report.checked()).isEqualTo(2);
    }

    /** An older event copied to a later position is reported as written earlier. */
    @Test
    void anOlderEventCopiedLaterInTheChainIsReordered() {
        events(5);
        log.replace(log.row(1).withSeq(3));

        assertThat(verify().firstBreak()).isEqualTo(new ChainBreak(3, ChainBreak.Kind.REORDERED,
                "The event at position 3 was written at position 1: events were reordered."));
    }

    /** A moved event is recognised up to 16 positions away (the reorder window). */
    @Test
    void anEventMovedSixteenPositionsIsStillRecognised() {
        events(20);
        log.replace(log.row(18).withSeq(2));

        assertThat(verify().firstBreak()).isEqualTo(new ChainBreak(2, ChainBreak.Kind.REORDERED,
                "The event at position 2 was written at position 18: events were reordered."));
    }

    /** Beyond the reorder window a moved event is only a broken link. */
    @Test
    void anEventMovedFurtherThanSixteenPositionsIsALinkBreak() {
        events(20);
        log.replace(log.row(19).withSeq(2));

        assertThat(verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(2L, ChainBreak.Kind.LINK_BROKEN);
    }

    /**
     * No event is written before the first: the search for a moved event never looks at
     * position 0, even for an event hashed for it.
     */
    @Test
    void noEventIsTakenForOneWrittenBeforeTheFirstPosition() {
        events(3);
        var atZero = copy(log.row(1), r -> r.seq(0).prevHash("f".repeat(64)));
        log.replace(atZero.withHash(CanonicalForm.hash(atZero)).withSeq(1));

        assertThat(verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(1L, ChainBreak.Kind.LINK_BROKEN);
    }

    /**
     * An event written one position earlier is only taken for one pushed back by an
     * insertion when it links past its new predecessor; otherwise it was moved: here the
     * chain was rewritten with the chain key from event 2 on and the original event 4 put
     * back after it.
     */
    @Test
    void anEventWrittenOnePositionEarlierThatDoesNotLinkPastItsPredecessorIsReordered() {
        events(5);
        var original = log.row(4);
        log.rewrite(2, r -> r.actor("mallory"), true);
        log.replace(original.withSeq(5));

        assertThat(verify().firstBreak()).isEqualTo(new ChainBreak(5, ChainBreak.Kind.REORDERED,
                "The event at position 5 was written at position 4: events were reordered."));
    }

    /**
     * Only the first break is reported: a row beyond the head does not hide an event
     * changed before it.
     */
    @Test
    void aChangedEventIsReportedBeforeARowBeyondTheHead() {
        events(5);
        var head = log.row(5);
        log.event();
        log.moveHeadTo(head);
        log.replace(copy(log.row(3), r -> r.actor("mallory")));

        assertThat(verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(3L, ChainBreak.Kind.CHANGED);
    }

    /**
     * The verification judges the log as the head it read shows it: a row that appears
     * beyond the head only afterwards is left to the next verification.
     */
    @Test
    void aRowThatAppearsBeyondTheHeadAfterItWasReadIsLeftToTheNextVerification() {
        events(3);
        var head = log.row(3);
        log.onHeadRead = () -> {
            log.event();
            log.moveHeadTo(head);
        };

        assertThat(verify().firstBreak()).isNull();
        assertThat(verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(4L, ChainBreak.Kind.INSERTED);
    }

    // --- entries

    /** A one-shot event or an intent is its own entry. */
    @Test
    void anEventThatIsNotItsOwnEntryIsChanged() {
        events(2);
        log.append(EventKind.EVENT, 1, null);

        assertThat(verify().firstBreak())
            .isEqualTo(new ChainBreak(3, ChainBreak.Kind.CHANGED, "Event 3 belongs to an entry it cannot belong to."));
    }

    /**
     * An outcome belongs to an earlier intent: right after it at the earliest, never to
     * itself.
     */
    @Test
    void anOutcomeBelongsToAnEarlierEntry() {
        var intent = log.intent();
        log.outcome(intent);
        assertThat(verify().firstBreak()).isNull();

        log.append(EventKind.OUTCOME, 3, intent.eventId());

        assertThat(verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(3L, ChainBreak.Kind.CHANGED);
    }

    /** An outcome names the intent it resolves. */
    @Test
    void anOutcomeThatRefersToNoIntentIsChanged() {
        var intent = log.intent();
        log.append(EventKind.OUTCOME, intent.seq(), null);

        assertThat(verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(2L, ChainBreak.Kind.CHANGED);
    }

    // --- the head

    /**
     * The last event must be the one the chain head records: a head whose hash differs is
     * reported at the head's event, though every event holds.
     */
    @Test
    void aChainHeadThatRecordsAnotherHashIsReported() {
        events(5);
        log.lastHash = "f".repeat(64);

        var report = verify();

        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(5, ChainBreak.Kind.CHANGED,
                "Event 5 does not match the hash the chain head records for it."));
        assertThat(report.checked()).isEqualTo(5);
    }

    /**
     * Even with the chain key, the last event cannot be replaced behind the head's back:
     * its hash no longer matches the one the head records.
     */
    @Test
    void aLastEventReplacedWithTheChainKeyDoesNotMatchTheHead() {
        events(5);
        log.replace(log.sealed(copy(log.row(5), r -> r.actor("mallory")), log.row(4).link()));

        assertThat(verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(5L, ChainBreak.Kind.CHANGED);
    }

    // --- the keyed chain

    /**
     * An event changed and re-hashed through the database login, the events after it
     * re-chained and the head moved, keeps a consistent public chain but not its keyed
     * link: forged, and nothing from it on counts as checked.
     */
    @Test
    void anEventReHashedWithoutTheChainKeyIsForged() {
        events(5);
        log.rewrite(3, r -> r.actor("mallory"), false);

        var report = verify();

        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(3, ChainBreak.Kind.FORGED,
                "Event 3 was not written by the console: its keyed link is wrong, so it was added or re-hashed "
                        + "without the chain key (e.g. with the database login)."));
        assertThat(report.checked()).isEqualTo(2);
    }

    /** An event appended through the database login has no keyed link at all. */
    @Test
    void anEventAppendedWithoutAKeyedLinkIsForged() {
        events(2);
        var row = log.row(2);
        var forged = copy(row, r -> r.seq(3).prevHash(row.hash()).link(null));
        forged = forged.withHash(CanonicalForm.hash(forged));
        log.replace(forged);
        log.lastSeq = 3;
        log.lastHash = forged.hash();

        var report = verify();

        assertThat(report.firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(3L, ChainBreak.Kind.FORGED);
        assertThat(report.firstBreak().description()).contains("its keyed link is missing");
    }

    /**
     * The head's keyed link must be the last event's: a head whose link differs is forged
     * at the head's event, and that event does not count as checked.
     */
    @Test
    void aChainHeadThatRecordsAnotherKeyedLinkIsForged() {
        events(5);
        log.lastLink = "f".repeat(64);

        var report = verify();

        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(5, ChainBreak.Kind.FORGED,
                "Event 5 does not match the keyed link the chain head records for it."));
        assertThat(report.checked()).isEqualTo(4);
    }

    /**
     * Only the first break is reported: an event forged before the head is reported
     * rather than the head's keyed link.
     */
    @Test
    void aForgedEventIsReportedBeforeTheHeadsKeyedLink() {
        events(5);
        log.rewrite(3, r -> r.actor("mallory"), false);
        log.lastLink = "f".repeat(64);

        assertThat(verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(3L, ChainBreak.Kind.FORGED);
    }

    /**
     * The head's keyed link is compared as soon as the keyed chain starts, at its first
     * event.
     */
    @Test
    void theHeadsKeyedLinkIsComparedFromTheFirstKeyedEventOn() {
        log.keyedFrom = 3;
        events(3);
        assertThat(verify().firstBreak()).isNull();

        log.lastLink = "f".repeat(64);

        assertThat(verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(3L, ChainBreak.Kind.FORGED);
    }

    /**
     * Events written before the keyed chain carry no keyed link and verify by their
     * public hashes; the first keyed event links from its prev_hash.
     */
    @Test
    void eventsBeforeTheKeyedChainVerifyWithoutAKeyedLink() {
        log.keyedFrom = 3;
        events(5);

        var verification = verifier.verifyWithOpenIntents();

        assertThat(log.row(2).link()).isNull();
        assertThat(verification.report().firstBreak()).isNull();
        assertThat(verification.report().checked()).isEqualTo(5);
        assertThat(verification.report().keyedFrom()).isEqualTo(3);
        assertThat(verification.headLink()).isEqualTo(log.row(5).link());
    }

    /**
     * The start of the keyed chain moved forward (to skip keyed links): an event before
     * it that carries a keyed link gives it away.
     */
    @Test
    void anEventBeforeTheKeyedChainThatCarriesAKeyedLinkIsChanged() {
        events(5);
        log.keyedFrom = 3;

        var report = verify();

        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(1, ChainBreak.Kind.CHANGED,
                "Event 1 carries a keyed link but lies before the start of the keyed chain (event 3): the start of "
                        + "the keyed chain was moved."));
        assertThat(report.checked()).isZero();
    }

    /** The first event of the keyed chain must carry a keyed link too. */
    @Test
    void theFirstKeyedEventWithoutAKeyedLinkIsForged() {
        log.keyedFrom = 4;
        events(3);
        log.keyedFrom = 3;

        assertThat(verify().firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(3L, ChainBreak.Kind.FORGED);
    }

    // --- checkpoints

    /** Without a checkpoint nothing outside the database anchors the chain. */
    @Test
    void withoutACheckpointNothingAnchorsTheChain() {
        events(2);

        var report = verify();

        assertThat(report.checkpoint()).isEqualTo(new CheckpointCheck(CheckpointCheck.Status.NONE, null,
                "No checkpoint has been signed yet: nothing outside the database anchors the chain."));
        assertThat(report.intact()).isTrue();
    }

    /** A chain that holds the signed event of the last checkpoint matches it. */
    @Test
    void aChainHoldingTheSignedEventMatchesTheCheckpoint() {
        events(5);
        var checkpoint = sign(log.row(3));

        var report = verify();

        assertThat(report.checkpoint()).isEqualTo(new CheckpointCheck(CheckpointCheck.Status.MATCHES, checkpoint,
                "The chain matches the checkpoint signed at 2026-03-01 11:00:00.000 UTC (event 3): no event up to it "
                        + "was changed, removed or replaced."));
        assertThat(report.firstBreak()).isNull();
        assertThat(report.intact()).isTrue();
    }

    /** A checkpoint of the head itself matches (the boundary). */
    @Test
    void aCheckpointOfTheHeadMatches() {
        events(5);
        sign(log.row(5));

        assertThat(verify().checkpoint().status()).isEqualTo(CheckpointCheck.Status.MATCHES);
    }

    /**
     * A checkpoint file that cannot be read, or whose last line is no checkpoint, is
     * reported: the chain cannot be compared with it.
     */
    @Test
    void anUnreadableCheckpointFileIsInvalid() throws IOException {
        events(2);
        Files.writeString(checkpointFile.path(), "not a checkpoint\n", StandardCharsets.UTF_8);

        var report = verify();

        assertThat(report.checkpoint())
            .isEqualTo(new CheckpointCheck(CheckpointCheck.Status.INVALID, null, "The checkpoint file "
                    + checkpointFile.path()
                    + " cannot be read or its last line is not a checkpoint: the chain cannot be compared with it."));
        assertThat(report.firstBreak()).isNull();
        assertThat(report.intact()).isFalse();
    }

    /**
     * A checkpoint not signed by this console's checkpoint key is reported and not
     * compared.
     */
    @Test
    void aCheckpointSignedWithAnotherKeyIsInvalid() {
        events(3);
        var foreign = Checkpoint.sign(3, log.row(3).hash(), log.row(3).link(), 1, CanonicalForm.time(START), KEY.id(),
                CheckpointKey.generate());
        checkpointFile.append(foreign);

        var report = verify();

        assertThat(report.checkpoint()).isEqualTo(new CheckpointCheck(CheckpointCheck.Status.INVALID, foreign,
                "The last checkpoint in " + checkpointFile.path() + " is not signed by this console's checkpoint key ("
                        + CHECKPOINT_KEY.fingerprint() + "): the file was changed, or the key."));
        assertThat(report.firstBreak()).isNull();
    }

    /**
     * The newest events deleted and the head moved back to a consistent earlier event:
     * only the checkpoint shows the events removed.
     */
    @Test
    void aChainCutShortOfTheCheckpointWithTheHeadMovedBackIsRemoved() {
        events(5);
        var checkpoint = sign(log.row(5));
        log.remove(5);
        log.remove(4);
        log.moveHeadTo(log.row(3));

        var report = verify();

        String why = "The chain ends at event 3, before the checkpoint signed at 2026-03-01 11:00:00.000 UTC "
                + "(event 5): events 4 to 5 were removed.";
        assertThat(report.checkpoint())
            .isEqualTo(new CheckpointCheck(CheckpointCheck.Status.DOES_NOT_MATCH, checkpoint, why));
        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(4, ChainBreak.Kind.REMOVED, why));
        assertThat(report.checked()).isEqualTo(3);
    }

    /** The start of the keyed chain is signed: moved later, the checkpoint shows it. */
    @Test
    void aKeyedChainStartMovedSinceTheCheckpointDoesNotMatchIt() {
        log.keyedFrom = 4;
        events(5);
        var moved = Checkpoint.sign(5, log.row(5).hash(), log.row(5).link(), 2,
                CanonicalForm.time(START.plusSeconds(3600)), KEY.id(), CHECKPOINT_KEY);
        checkpointFile.append(moved);

        var report = verify();

        String why = "The keyed chain starts at event 4, but the checkpoint signed at 2026-03-01 11:00:00.000 UTC "
                + "(event 5) says 2: the start of the keyed chain was moved.";
        assertThat(report.checkpoint())
            .isEqualTo(new CheckpointCheck(CheckpointCheck.Status.DOES_NOT_MATCH, moved, why));
        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(2, ChainBreak.Kind.CHANGED, why));
        assertThat(report.checked()).isEqualTo(1);
    }

    /**
     * A chain that breaks before the checkpoint's event cannot match it; the break itself
     * is reported.
     */
    @Test
    void aChainBrokenBeforeTheCheckpointDoesNotMatchIt() {
        events(5);
        var checkpoint = sign(log.row(4));
        log.replace(copy(log.row(2), r -> r.actor("mallory")));

        var report = verify();

        assertThat(report.checkpoint()).isEqualTo(new CheckpointCheck(CheckpointCheck.Status.DOES_NOT_MATCH, checkpoint,
                "The chain breaks before event 4, so it cannot match the checkpoint signed at "
                        + "2026-03-01 11:00:00.000 UTC (event 4)."));
        assertThat(report.firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(2L, ChainBreak.Kind.CHANGED);
    }

    /**
     * A break after the checkpoint's event leaves the checkpoint matched: the events up
     * to it are the signed ones.
     */
    @Test
    void aBreakAfterTheCheckpointStillMatchesIt() {
        events(5);
        sign(log.row(2));
        log.replace(copy(log.row(4), r -> r.actor("mallory")));

        var report = verify();

        assertThat(report.checkpoint().status()).isEqualTo(CheckpointCheck.Status.MATCHES);
        assertThat(report.firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(4L, ChainBreak.Kind.CHANGED);
    }

    /**
     * Even with the chain key, a chain rewritten under a checkpoint (consistent hashes
     * and links) does not match it at the signed event.
     */
    @Test
    void aChainRewrittenWithTheChainKeyUnderACheckpointDoesNotMatchIt() {
        events(5);
        var checkpoint = sign(log.row(4));
        log.rewrite(2, r -> r.actor("mallory"), true);

        var report = verify();

        String why = "Event 4 is not the one in the checkpoint signed at 2026-03-01 11:00:00.000 UTC (event 4): "
                + "events up to it were changed, removed or replaced.";
        assertThat(report.checkpoint())
            .isEqualTo(new CheckpointCheck(CheckpointCheck.Status.DOES_NOT_MATCH, checkpoint, why));
        assertThat(report.firstBreak()).isEqualTo(new ChainBreak(4, ChainBreak.Kind.CHANGED, why));
        assertThat(report.checked()).isEqualTo(3);
    }

    /**
     * Before the keyed chain the signed hash alone anchors the chain: events rewritten
     * there (no keyed links to give them away) do not match the checkpoint.
     */
    @Test
    void aChainRewrittenBeforeTheKeyedChainDoesNotMatchTheCheckpoint() {
        log.keyedFrom = 10;
        events(5);
        var checkpoint = sign(log.row(3));
        log.rewrite(2, r -> r.actor("mallory"), false);

        var report = verify();

        assertThat(checkpoint.link()).isNull();
        assertThat(report.checkpoint().status()).isEqualTo(CheckpointCheck.Status.DOES_NOT_MATCH);
        assertThat(report.firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(3L, ChainBreak.Kind.CHANGED);
    }

    /**
     * The keyed link is signed too: the same events re-linked under another chain key
     * since the checkpoint do not match it.
     */
    @Test
    void aChainReLinkedSinceTheCheckpointDoesNotMatchIt() {
        events(3);
        var row = log.row(3);
        checkpointFile.append(Checkpoint.sign(3, row.hash(), OTHER_KEY.link(3, log.row(2).link(), row.hash()), 1,
                CanonicalForm.time(START), KEY.id(), CHECKPOINT_KEY));

        var report = verify();

        assertThat(report.checkpoint().status()).isEqualTo(CheckpointCheck.Status.DOES_NOT_MATCH);
        assertThat(report.firstBreak()).extracting(ChainBreak::seq, ChainBreak::kind)
            .containsExactly(3L, ChainBreak.Kind.CHANGED);
    }

    private Checkpoint sign(AuditEventRow row) {
        var checkpoint = Checkpoint.sign(row.seq(), row.hash(), row.link(), log.keyedFrom,
                CanonicalForm.time(START.plusSeconds(3600)), KEY.id(), CHECKPOINT_KEY);
        checkpointFile.append(checkpoint);
        return checkpoint;
    }

    /** The row with some values changed (its hash and link as they were). */
    private static AuditEventRow copy(AuditEventRow row, UnaryOperator<Draft> change) {
        return change.apply(new Draft(row)).row();
    }

    /** The values of a row that the tests change. */
    private static final class Draft {

        private final AuditEventRow row;

        private long seq;

        private String prevHash;

        private long entrySeq;

        private String actor;

        private String link;

        Draft(AuditEventRow row) {
            this.row = row;
            this.seq = row.seq();
            this.prevHash = row.prevHash();
            this.entrySeq = row.entrySeq();
            this.actor = row.actor();
            this.link = row.link();
        }

        /** Another position, as the event's own entry. */
        Draft seq(long value) {
            seq = value;
            entrySeq = value;
            return this;
        }

        Draft link(String value) {
            link = value;
            return this;
        }

        Draft prevHash(String value) {
            prevHash = value;
            return this;
        }

        Draft actor(String value) {
            actor = value;
            return this;
        }

        AuditEventRow row() {
            return new AuditEventRow(seq, prevHash, row.eventId(), row.kind(), entrySeq, row.refersTo(),
                    row.occurredAt(), actor, row.actorRoles(), row.sourceIp(), row.sessionHash(), row.action(),
                    row.targetRegion(), row.targetAccount(), row.targetStoreId(), row.targetStoreName(),
                    row.parameters(), row.reason(), row.outcome(), row.errorName(), row.errorMessage(),
                    row.kmsRequestId(), row.durationMs(), row.hash(), link);
        }

    }

    /**
     * The audit_event table and the chain head in memory, read through the queries the
     * verifier uses: rows up to the requested seq in seq order, each through
     * {@link AuditEventRepository#read} as from the database.
     */
    private static final class StoredLog extends AuditQueries {

        private static final DriverManagerDataSource NO_DATABASE = new DriverManagerDataSource();

        private final TreeMap<Long, AuditEventRow> rows = new TreeMap<>();

        long lastSeq;

        String lastHash = CanonicalForm.GENESIS;

        String lastLink;

        long keyedFrom = 1;

        /** Runs once, right after the next read of the head. */
        Runnable onHeadRead = () -> {
        };

        StoredLog() {
            super(NO_DATABASE, new DataSourceTransactionManager(NO_DATABASE));
        }

        @Override
        HeadState head() {
            var state = new HeadState(lastSeq, lastHash, rows.isEmpty() ? null : rows.lastKey(), lastLink, keyedFrom);
            var then = onHeadRead;
            onHeadRead = () -> {
            };
            then.run();
            return state;
        }

        @Override
        void streamChain(long last, RowCallbackHandler handler) {
            for (var row : rows.headMap(last, true).values()) {
                try {
                    handler.processRow(resultSet(row));
                }
                catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        AuditEventRow row(long seq) {
            return rows.get(seq);
        }

        AuditEventRow event() {
            return append(EventKind.EVENT, lastSeq + 1, null);
        }

        AuditEventRow intent() {
            return append(EventKind.INTENT, lastSeq + 1, null);
        }

        AuditEventRow outcome(AuditEventRow intent) {
            return append(EventKind.OUTCOME, intent.seq(), intent.eventId());
        }

        /** Appends a row as the console does: hashed, linked, the head moved to it. */
        AuditEventRow append(EventKind kind, long entrySeq, String refersTo) {
            long seq = lastSeq + 1;
            var row = sealed(
                    new AuditEventRow(seq, lastHash, "event-" + seq, kind, entrySeq, refersTo,
                            CanonicalForm.time(START.plusSeconds(seq)), "alice", "OPERATOR", "203.0.113.7", null,
                            "UPDATE_CUSTOM_KEY_STORE", "us-east-1", "111122223333", "cks-1234567890abcdef0", "store",
                            "[]", null, kind == EventKind.INTENT ? null : "SUCCEEDED", null, null, null, null, ""),
                    lastLink);
            replace(row);
            moveHeadTo(row);
            return row;
        }

        /**
         * The row hashed, and linked after {@code linkBefore} from the start of the keyed
         * chain on, with the chain key.
         */
        AuditEventRow sealed(AuditEventRow row, String linkBefore) {
            var hashed = row.withHash(CanonicalForm.hash(row));
            if (row.seq() < keyedFrom) {
                return hashed;
            }
            return hashed.withLink(KEY.link(row.seq(),
                    ChainKey.previousLink(row.seq(), keyedFrom, linkBefore, row.prevHash()), hashed.hash()));
        }

        /**
         * Changes the row at {@code from} and re-chains it and every row after it: new
         * prev_hash and hash, new keyed links only {@code withChainKey}; the head
         * follows.
         */
        void rewrite(long from, UnaryOperator<Draft> change, boolean withChainKey) {
            for (long seq = from; seq <= rows.lastKey(); seq++) {
                var before = rows.get(seq - 1);
                var changed = copy(rows.get(seq), draft -> (draft.seq == from ? change.apply(draft) : draft)
                    .prevHash(before == null ? CanonicalForm.GENESIS : before.hash()));
                var rewritten = withChainKey ? sealed(changed, before == null ? null : before.link())
                        : changed.withHash(CanonicalForm.hash(changed));
                replace(rewritten);
                moveHeadTo(rewritten);
            }
        }

        void replace(AuditEventRow row) {
            rows.put(row.seq(), row);
        }

        void remove(long seq) {
            rows.remove(seq);
        }

        void moveHeadTo(AuditEventRow row) {
            lastSeq = row.seq();
            lastHash = row.hash();
            lastLink = row.link();
        }

        /** The row as the JDBC driver hands it to {@link AuditEventRepository#read}. */
        private static ResultSet resultSet(AuditEventRow row) {
            var columns = new HashMap<String, Object>();
            columns.put("seq", row.seq());
            columns.put("prev_hash", row.prevHash());
            columns.put("event_id", row.eventId());
            columns.put("kind", row.kind().name());
            columns.put("entry_seq", row.entrySeq());
            columns.put("refers_to", row.refersTo());
            columns.put("occurred_at", OffsetDateTime.parse(row.occurredAt()));
            columns.put("actor", row.actor());
            columns.put("actor_roles", row.actorRoles());
            columns.put("source_ip", row.sourceIp());
            columns.put("session_hash", row.sessionHash());
            columns.put("action", row.action());
            columns.put("target_region", row.targetRegion());
            columns.put("target_account", row.targetAccount());
            columns.put("target_store_id", row.targetStoreId());
            columns.put("target_store_name", row.targetStoreName());
            columns.put("parameters", row.parameters());
            columns.put("reason", row.reason());
            columns.put("outcome", row.outcome());
            columns.put("error_name", row.errorName());
            columns.put("error_message", row.errorMessage());
            columns.put("kms_request_id", row.kmsRequestId());
            columns.put("duration_ms", row.durationMs());
            columns.put("hash", row.hash());
            columns.put("link", row.link());
            return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(),
                    new Class<?>[] { ResultSet.class }, (proxy, method, args) -> switch (method.getName()) {
                        case "getLong" -> columns.get((String) args[0]);
                        case "getString" -> columns.get((String) args[0]);
                        case "getObject" -> ((Class<?>) args[1]).cast(columns.get((String) args[0]));
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

    }

}
