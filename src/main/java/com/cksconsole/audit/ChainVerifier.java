package com.cksconsole.audit;

import java.time.Clock;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Re-computes the whole chain from the first event: each event's hash from its canonical form, each link to
 * its predecessor, the gapless sequence, and the chain head. Stops at the first break and names it.
 */
class ChainVerifier {

    /** How far a moved event is looked for when its link is broken but its content is intact elsewhere. */
    private static final int REORDER_WINDOW = 16;

    private final AuditQueries queries;
    private final Clock clock;

    ChainVerifier(AuditQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    ChainReport verify() {
        var head = queries.head();
        var walk = new Walk();
        try {
            queries.streamChain(head.lastSeq(), rs -> walk.check(AuditEventRepository.read(rs, "")));
        } catch (BreakFound found) {
            // the walk stopped at the first break
        }
        var firstBreak = walk.firstBreak;
        if (firstBreak == null && walk.checked < head.lastSeq()) {
            firstBreak = new ChainBreak(walk.checked + 1, ChainBreak.Kind.REMOVED, "Events " + (walk.checked + 1)
                    + " to " + head.lastSeq() + " are missing: the chain head records " + head.lastSeq() + " events.");
        }
        if (firstBreak == null && !Objects.equals(walk.previousHash, head.lastHash())) {
            firstBreak = new ChainBreak(head.lastSeq(), ChainBreak.Kind.CHANGED, "Event " + head.lastSeq()
                    + " does not match the hash the chain head records for it.");
        }
        var stored = head.maxStoredSeq();
        if (firstBreak == null && stored != null && stored > head.lastSeq()) {
            // Re-read: an append may have committed since; only rows the head does not cover are foreign.
            var now = queries.head();
            if (now.maxStoredSeq() != null && now.maxStoredSeq() > now.lastSeq()) {
                firstBreak = new ChainBreak(now.lastSeq() + 1, ChainBreak.Kind.INSERTED, "Event " + (now.lastSeq() + 1)
                        + " lies beyond the chain head (" + now.lastSeq() + "): it was not appended by the console.");
            }
        }
        return new ChainReport(walk.checked, head.lastSeq(), head.lastHash(), firstBreak, queries.pendingIntents(),
                clock.instant());
    }

    private static final class BreakFound extends RuntimeException {
        BreakFound() {
            super(null, null, false, false);
        }
    }

    /** The state of one pass along the chain. */
    private static final class Walk {

        long checked;
        String previousHash = CanonicalForm.GENESIS;
        @Nullable String hashBeforePrevious;
        @Nullable ChainBreak firstBreak;

        void check(AuditEventRow row) {
            long expected = checked + 1;
            var found = problem(row, expected);
            if (found != null) {
                firstBreak = found;
                throw new BreakFound();
            }
            hashBeforePrevious = previousHash;
            previousHash = row.hash();
            checked++;
        }

        private @Nullable ChainBreak problem(AuditEventRow row, long expected) {
            if (row.seq() != expected) {
                return new ChainBreak(expected, ChainBreak.Kind.REMOVED, row.seq() == expected + 1
                        ? "Event " + expected + " is missing."
                        : "Events " + expected + " to " + (row.seq() - 1) + " are missing.");
            }
            boolean contentIntact = CanonicalForm.hash(row).equals(row.hash());
            if (!row.prevHash().equals(previousHash)) {
                if (row.prevHash().equals(hashBeforePrevious)
                        && CanonicalForm.hash(row.withSeq(row.seq() - 1)).equals(row.hash())) {
                    return new ChainBreak(row.seq() - 1, ChainBreak.Kind.INSERTED, "Event " + (row.seq() - 1)
                            + " was inserted: the event after it was written as " + (row.seq() - 1)
                            + " and links to event " + (row.seq() - 2) + ".");
                }
                if (contentIntact) {
                    return new ChainBreak(row.seq() - 1, ChainBreak.Kind.CHANGED, "Event " + (row.seq() - 1)
                            + " was changed and its hash recomputed: event " + row.seq() + " no longer links to it.");
                }
                for (int d = 1; d <= REORDER_WINDOW; d++) {
                    for (long original : new long[] {row.seq() + d, row.seq() - d}) {
                        if (original > 0 && CanonicalForm.hash(row.withSeq(original)).equals(row.hash())) {
                            return new ChainBreak(row.seq(), ChainBreak.Kind.REORDERED, "The event at position "
                                    + row.seq() + " was written at position " + original + ": events were reordered.");
                        }
                    }
                }
                return new ChainBreak(row.seq(), ChainBreak.Kind.LINK_BROKEN, "Event " + row.seq()
                        + " does not link to event " + (row.seq() - 1) + ".");
            }
            if (!contentIntact) {
                return new ChainBreak(row.seq(), ChainBreak.Kind.CHANGED, "Event " + row.seq()
                        + " was changed: its content no longer matches its hash.");
            }
            boolean entryConsistent = row.kind() == EventKind.OUTCOME
                    ? row.entrySeq() < row.seq() && row.refersTo() != null
                    : row.entrySeq() == row.seq();
            if (!entryConsistent) {
                return new ChainBreak(row.seq(), ChainBreak.Kind.CHANGED, "Event " + row.seq()
                        + " belongs to an entry it cannot belong to.");
            }
            return null;
        }
    }
}
