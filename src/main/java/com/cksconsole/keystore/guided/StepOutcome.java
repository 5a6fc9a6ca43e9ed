package com.cksconsole.keystore.guided;

import org.jspecify.annotations.Nullable;

/**
 * What taking a {@link Step} came to; {@link GuidedChangeEngine} records it. Sentences
 * are codes of the message bundle, rendered when recorded.
 */
sealed interface StepOutcome {

    /** The step is done; the run goes on at once, or ends with {@code then}. */
    record Done(GuidedStep step, Sentence detail, @Nullable RunEnd then) implements StepOutcome {
        Done(GuidedStep step, Sentence detail) {
            this(step, detail, null);
        }
    }

    /** The step is skipped; the run goes on at once, or ends with {@code then}. */
    record Skipped(GuidedStep step, Sentence detail, @Nullable RunEnd then) implements StepOutcome {
    }

    /**
     * Not yet: take the step again after the poll interval, noting {@code note} on the
     * step if there is one.
     */
    record Later(@Nullable GuidedStep step, @Nullable Sentence note) implements StepOutcome {
        static final Later POLL = new Later(null, null);

    }

    /**
     * Nothing recorded; take the step again at once (an operator's request came first and
     * changes the way).
     */
    record Again() implements StepOutcome {
    }

    /** The step failed: the run stops with its outcome and the operator's next action. */
    record Stopped(GuidedStep step, Sentence detail, Sentence outcome, NextAction next) implements StepOutcome {
    }

    /** The run ends before this step does anything. */
    record Ended(RunEnd end) implements StepOutcome {
    }

    /**
     * The run pauses until an operator gives its secret again (it was lost in a restart).
     */
    record NeedsSecret(Sentence outcome) implements StepOutcome {
    }

    /** How a run ends. */
    record RunEnd(RunStatus status, Sentence outcome, NextAction next) {
    }

}
