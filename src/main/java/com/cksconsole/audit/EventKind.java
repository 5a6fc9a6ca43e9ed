package com.cksconsole.audit;

/** The three kinds of chained rows (see the V20 migration). */
public enum EventKind {

    /** A one-shot event that carries its outcome. */
    EVENT,
    /** A change written before it was attempted. */
    INTENT,
    /** The outcome of an intent, referring to it. */
    OUTCOME

}
