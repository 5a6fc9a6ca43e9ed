package com.cksconsole.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Re-computes the whole chain from the first event: each event's public hash from its
 * canonical form, each link to its predecessor, each keyed link under the chain key, the
 * gapless sequence and the chain head; then compares the chain with the last signed
 * checkpoint. Reports the first break and names it.
 */
class ChainVerifier {

    /**
     * How far a moved event is looked for when its link is broken but its content is
     * intact elsewhere.
     */
    private static final int REORDER_WINDOW = 16;

    private final AuditQueries queries;

    private final Clock clock;

    private final ChainKey chainKey;

    private final CheckpointFile checkpoints;

    private final CheckpointKey checkpointKey;

    ChainVerifier(AuditQueries queries, Clock clock, ChainKey chainKey, CheckpointFile checkpoints,
            CheckpointKey checkpointKey) {
        this.queries = queries;
        this.clock = clock;
        this.chainKey = chainKey;
        this.checkpoints = checkpoints;
        this.checkpointKey = checkpointKey;
    }

    /** The seq of the chain head. */
    long headSeq() {
        return queries.head().lastSeq();
    }

    /**
     * A verification, the intents without outcome found along the chain, and the keyed
     * link of the head it verified (what a checkpoint signs).
     */
    record Verification(ChainReport report, List<Long> openIntents, @Nullable String headLink) {
    }

    Verification verifyWithOpenIntents() {
        var checkpoint = latestCheckpoint();
        var head = queries.head();
        var usableCheckpoint = checkpoint.value();
        var walk = new Walk(chainKey, head.keyedFrom(), usableCheckpoint != null ? usableCheckpoint.seq() : -1);
        try {
            queries.streamChain(head.lastSeq(), rs -> walk.check(AuditEventRepository.read(rs, "")));
        }
        catch (BreakFound found) {
            // the walk stopped at the first break of the public chain
        }
        var publicBreak = walk.firstBreak;
        if (publicBreak == null && walk.checked < head.lastSeq()) {
            publicBreak = new ChainBreak(walk.checked + 1, ChainBreak.Kind.REMOVED, "Events " + (walk.checked + 1)
                    + " to " + head.lastSeq() + " are missing: the chain head records " + head.lastSeq() + " events.");
        }
        if (publicBreak == null && !Objects.equals(walk.previousHash, head.lastHash())) {
            publicBreak = new ChainBreak(head.lastSeq(), ChainBreak.Kind.CHANGED,
                    "Event " + head.lastSeq() + " does not match the hash the chain head records for it.");
        }
        var stored = head.maxStoredSeq();
        if (publicBreak == null && stored != null && stored > head.lastSeq()) {
            // Re-read: an append may have committed since; only rows the head does not
            // cover are foreign.
            var now = queries.head();
            if (now.maxStoredSeq() != null && now.maxStoredSeq() > now.lastSeq()) {
                publicBreak = new ChainBreak(now.lastSeq() + 1, ChainBreak.Kind.INSERTED, "Event " + (now.lastSeq() + 1)
                        + " lies beyond the chain head (" + now.lastSeq() + "): it was not appended by the console.");
            }
        }
        var linkBreak = walk.linkBreak;
        if (linkBreak == null && publicBreak == null && head.lastSeq() >= head.keyedFrom()
                && !Objects.equals(walk.previousLink, head.lastLink())) {
            linkBreak = new ChainBreak(head.lastSeq(), ChainBreak.Kind.FORGED,
                    "Event " + head.lastSeq() + " does not match the keyed link the chain head records for it.");
        }
        var compared = compare(checkpoint, head, walk, publicBreak);
        var firstBreak = Stream.of(publicBreak, linkBreak, compared.chainBreak())
            .filter(Objects::nonNull)
            .min(Comparator.comparingLong(ChainBreak::seq))
            .orElse(null);
        // No break at all is the public chain's case too: both are null.
        long checked = firstBreak == publicBreak ? walk.checked
                : Math.min(walk.checked, Objects.requireNonNull(firstBreak).seq() - 1);
        var report = new ChainReport(checked, head.lastSeq(), head.lastHash(), firstBreak, walk.openIntents.size(),
                clock.instant(), head.keyedFrom(), compared.check(), 0);
        return new Verification(report, new ArrayList<>(walk.openIntents), walk.previousLink);
    }

    /** The last checkpoint, or why there is none that can be used. */
    private LatestCheckpoint latestCheckpoint() {
        Optional<Checkpoint> latest;
        try {
            latest = checkpoints.latest();
        }
        catch (RuntimeException e) {
            return new LatestCheckpoint(null,
                    new CheckpointCheck(CheckpointCheck.Status.INVALID, null,
                            "The checkpoint file " + checkpoints.path() + " cannot be read or its last line is not a "
                                    + "checkpoint: the chain cannot be compared with it."));
        }
        if (latest.isEmpty()) {
            return new LatestCheckpoint(null, new CheckpointCheck(CheckpointCheck.Status.NONE, null,
                    "No checkpoint has been signed yet: nothing outside the database anchors the chain."));
        }
        if (!latest.get().signedBy(checkpointKey)) {
            return new LatestCheckpoint(null,
                    new CheckpointCheck(CheckpointCheck.Status.INVALID, latest.get(),
                            "The last checkpoint in " + checkpoints.path()
                                    + " is not signed by this console's checkpoint " + "key ("
                                    + checkpointKey.fingerprint() + "): the file was changed, or the key."));
        }
        return new LatestCheckpoint(latest.get(), null);
    }

    private record LatestCheckpoint(@Nullable Checkpoint value, @Nullable CheckpointCheck problem) {
    }

    private record Compared(CheckpointCheck check, @Nullable ChainBreak chainBreak) {
    }

    private static Compared compare(LatestCheckpoint latest, AuditQueries.HeadState head, Walk walk,
            @Nullable ChainBreak publicBreak) {
        var cp = latest.value();
        if (cp == null) {
            return new Compared(Objects.requireNonNull(latest.problem()), null);
        }
        String signed = "the checkpoint signed at " + cp.displayCreatedAt() + " (event " + cp.seq() + ")";
        if (head.lastSeq() < cp.seq()) {
            String why = "The chain ends at event " + head.lastSeq() + ", before " + signed + ": events "
                    + (head.lastSeq() + 1) + " to " + cp.seq() + " were removed.";
            return mismatch(cp, why, new ChainBreak(head.lastSeq() + 1, ChainBreak.Kind.REMOVED, why));
        }
        if (cp.keyedFrom() != head.keyedFrom()) {
            String why = "The keyed chain starts at event " + head.keyedFrom() + ", but " + signed + " says "
                    + cp.keyedFrom() + ": the start of the keyed chain was moved.";
            return mismatch(cp, why,
                    new ChainBreak(Math.min(cp.keyedFrom(), head.keyedFrom()), ChainBreak.Kind.CHANGED, why));
        }
        var atCheckpoint = walk.atCheckpoint;
        if (atCheckpoint == null) {
            String why = "The chain breaks before event " + cp.seq() + ", so it cannot match " + signed + ".";
            return mismatch(cp, why, publicBreak);
        }
        if (!atCheckpoint.hash().equals(cp.hash()) || !Objects.equals(atCheckpoint.link(), cp.link())) {
            String why = "Event " + cp.seq() + " is not the one in " + signed + ": events up to it were changed, "
                    + "removed or replaced.";
            return mismatch(cp, why, new ChainBreak(cp.seq(), ChainBreak.Kind.CHANGED, why));
        }
        return new Compared(new CheckpointCheck(CheckpointCheck.Status.MATCHES, cp,
                "The chain matches " + signed + ": no event up to it was changed, removed or replaced."), null);
    }

    private static Compared mismatch(Checkpoint cp, String why, @Nullable ChainBreak chainBreak) {
        return new Compared(new CheckpointCheck(CheckpointCheck.Status.DOES_NOT_MATCH, cp, why), chainBreak);
    }

    private static final class BreakFound extends RuntimeException {

        BreakFound() {
            super(null, null, false, false);
        }

    }

    /** The state of one pass along the chain. */
    private static final class Walk {

        private final ChainKey chainKey;

        private final long keyedFrom;

        private final long checkpointSeq;

        long checked;

        String previousHash = CanonicalForm.GENESIS;

        @Nullable String hashBeforePrevious;

        @Nullable String previousLink;

        @Nullable ChainBreak firstBreak;

        @Nullable ChainBreak linkBreak;

        @Nullable AuditEventRow atCheckpoint;

        /** Intents without outcome so far, in chain order. */
        final Set<Long> openIntents = new LinkedHashSet<>();

        Walk(ChainKey chainKey, long keyedFrom, long checkpointSeq) {
            this.chainKey = chainKey;
            this.keyedFrom = keyedFrom;
            this.checkpointSeq = checkpointSeq;
        }

        void check(AuditEventRow row) {
            long expected = checked + 1;
            var found = problem(row, expected);
            if (found != null) {
                firstBreak = found;
                throw new BreakFound();
            }
            if (linkBreak == null) {
                linkBreak = linkProblem(row);
            }
            if (row.seq() == checkpointSeq) {
                atCheckpoint = row;
            }
            if (row.kind() == EventKind.INTENT) {
                openIntents.add(row.seq());
            }
            else if (row.kind() == EventKind.OUTCOME) {
                openIntents.remove(row.entrySeq());
            }
            hashBeforePrevious = previousHash;
            previousHash = row.hash();
            previousLink = row.link();
            checked++;
        }

        /** The keyed link: present and right from keyed_from on, absent before. */
        private @Nullable ChainBreak linkProblem(AuditEventRow row) {
            if (row.seq() < keyedFrom) {
                return row.link() == null ? null
                        : new ChainBreak(row.seq(), ChainBreak.Kind.CHANGED,
                                "Event " + row.seq()
                                        + " carries a keyed link but lies before the start of the keyed chain (event "
                                        + keyedFrom + "): the start of the keyed chain was moved.");
            }
            String expected = chainKey.link(row.seq(),
                    ChainKey.previousLink(row.seq(), keyedFrom, previousLink, previousHash), row.hash());
            if (expected.equals(row.link())) {
                return null;
            }
            return new ChainBreak(row.seq(), ChainBreak.Kind.FORGED,
                    "Event " + row.seq() + " was not written by " + "the console: its keyed link is "
                            + (row.link() == null ? "missing" : "wrong")
                            + ", so it was added or re-hashed without the chain key (e.g. with the database login).");
        }

        private @Nullable ChainBreak problem(AuditEventRow row, long expected) {
            if (row.seq() != expected) {
                return new ChainBreak(expected, ChainBreak.Kind.REMOVED,
                        row.seq() == expected + 1 ? "Event " + expected + " is missing."
                                : "Events " + expected + " to " + (row.seq() - 1) + " are missing.");
            }
            boolean contentIntact = CanonicalForm.hash(row).equals(row.hash());
            if (!row.prevHash().equals(previousHash)) {
                if (row.prevHash().equals(hashBeforePrevious)
                        && CanonicalForm.hash(row.withSeq(row.seq() - 1)).equals(row.hash())) {
                    return new ChainBreak(row.seq() - 1, ChainBreak.Kind.INSERTED,
                            "Event " + (row.seq() - 1) + " was inserted: the event after it was written as "
                                    + (row.seq() - 1) + " and links to event " + (row.seq() - 2) + ".");
                }
                if (contentIntact && row.seq() == 1) {
                    // No event before it to blame: the first event itself was re-hashed.
                    return new ChainBreak(1, ChainBreak.Kind.CHANGED, "Event 1 was changed and its hash recomputed: "
                            + "it does not start from the genesis hash (64 zeros).");
                }
                if (contentIntact) {
                    return new ChainBreak(row.seq() - 1, ChainBreak.Kind.CHANGED, "Event " + (row.seq() - 1)
                            + " was changed and its hash recomputed: event " + row.seq() + " no longer links to it.");
                }
                for (int d = 1; d <= REORDER_WINDOW; d++) {
                    for (long original : new long[] { row.seq() + d, row.seq() - d }) {
                        if (original > 0 && CanonicalForm.hash(row.withSeq(original)).equals(row.hash())) {
                            return new ChainBreak(row.seq(), ChainBreak.Kind.REORDERED, "The event at position "
                                    + row.seq() + " was written at position " + original + ": events were reordered.");
                        }
                    }
                }
                return new ChainBreak(row.seq(), ChainBreak.Kind.LINK_BROKEN,
                        row.seq() == 1 ? "Event 1 does not start from the genesis hash (64 zeros)."
                                : "Event " + row.seq() + " does not link to event " + (row.seq() - 1) + ".");
            }
            if (!contentIntact) {
                return new ChainBreak(row.seq(), ChainBreak.Kind.CHANGED,
                        "Event " + row.seq() + " was changed: its content no longer matches its hash.");
            }
            boolean entryConsistent = row.kind() == EventKind.OUTCOME
                    ? row.entrySeq() < row.seq() && row.refersTo() != null : row.entrySeq() == row.seq();
            if (!entryConsistent) {
                return new ChainBreak(row.seq(), ChainBreak.Kind.CHANGED,
                        "Event " + row.seq() + " belongs to an entry it cannot belong to.");
            }
            return null;
        }

    }

}
