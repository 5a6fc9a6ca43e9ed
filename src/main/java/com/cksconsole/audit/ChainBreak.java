package com.cksconsole.audit;

import java.io.Serializable;

/**
 * The first place where the chain does not hold.
 *
 * @param seq the position of the event concerned
 */
public record ChainBreak(long seq, Kind kind, String description) implements Serializable {

    /** What the verification found. */
    public enum Kind {

        /** An event's content no longer matches its hash. */
        CHANGED,
        /**
         * Events are missing: a gap in the sequence, or fewer events than the chain head
         * records.
         */
        REMOVED,
        /** An event was added that the chain does not account for. */
        INSERTED,
        /** An event sits at another position than the one it was written at. */
        REORDERED,
        /**
         * An event does not link to its predecessor, for a reason that cannot be told
         * apart.
         */
        LINK_BROKEN,
        /**
         * An event whose public hash holds but whose keyed link does not: it was added or
         * re-hashed by someone without the chain key (e.g. with the database login), not
         * by the console.
         */
        FORGED

    }
}
