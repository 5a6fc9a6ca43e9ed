package com.cksconsole.keystore.guided;

/**
 * An operator's request on a guided change that its current step no longer allows;
 * nothing was changed.
 */
public class GuidedRunRefusedException extends RuntimeException {

    private final String explanation;

    public GuidedRunRefusedException(String explanation) {
        super(explanation);
        this.explanation = explanation;
    }

    /** The sentence for the operator. */
    public String explanation() {
        return explanation;
    }

}
