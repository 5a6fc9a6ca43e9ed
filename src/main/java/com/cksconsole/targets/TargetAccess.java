package com.cksconsole.targets;

/**
 * How the console obtains credentials for a target. None of them stores a long-term
 * secret in the console.
 */
public enum TargetAccess {

    /**
     * The AWS SDK's default credential provider chain of the console's host (environment,
     * instance role...).
     */
    DEFAULT_CHAIN("Default credential chain"),

    /**
     * A named profile of the host's shared AWS configuration files
     * ({@code ~/.aws/config}).
     */
    PROFILE("Named profile"),

    /**
     * An IAM role assumed with STS AssumeRole from the default chain's credentials; the
     * temporary credentials are refreshed before they expire.
     */
    ASSUME_ROLE("Assume an IAM role");

    private final String label;

    TargetAccess(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

}
