package com.cksconsole.rotation;

/**
 * The console refused an operator's request on a rotation (nothing was changed); the
 * message says why and what to do, for the page.
 */
public class RotationRefusedException extends RuntimeException {

    private final String field;

    public RotationRefusedException(String message) {
        this(null, message);
    }

    /**
     * A refusal about one form field.
     * @param field the form field the refusal concerns, or null for the whole request
     */
    public RotationRefusedException(@org.jspecify.annotations.Nullable String field, String message) {
        super(message);
        this.field = field == null ? "" : field;
    }

    /** The form field the refusal concerns; empty for the whole request. */
    public String field() {
        return field;
    }

}
