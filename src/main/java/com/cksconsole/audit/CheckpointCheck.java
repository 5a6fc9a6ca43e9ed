package com.cksconsole.audit;

import java.io.Serializable;

import org.jspecify.annotations.Nullable;

/**
 * How the chain compares with the last signed checkpoint.
 *
 * @param checkpoint the last checkpoint of the checkpoint file, when there is one that
 * could be read
 * @param description what the comparison found, in words for the report page
 */
public record CheckpointCheck(Status status, @Nullable Checkpoint checkpoint,
        String description) implements Serializable {

    /** The result of the comparison. */
    public enum Status {

        /**
         * No checkpoint has been signed yet: nothing outside the database anchors the
         * chain.
         */
        NONE,
        /**
         * The chain holds the signed head: no event up to it was changed, removed or
         * replaced.
         */
        MATCHES,
        /**
         * The chain is behind the checkpoint, or its event at the checkpoint differs from
         * the signed one.
         */
        DOES_NOT_MATCH,
        /**
         * The checkpoint file cannot be read, or its last line is not signed by this
         * console's key.
         */
        INVALID

    }

    /**
     * Whether the comparison leaves the chain trustworthy (a missing checkpoint is a
     * weakness, not a break).
     */
    boolean acceptable() {
        return status == Status.MATCHES || status == Status.NONE;
    }
}
