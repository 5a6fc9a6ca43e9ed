package com.cksconsole.targets;

/** How a target check ended; stored by name. */
public enum TargetCheckOutcome {

    OK("Reached", "The credentials reached the configured account and DescribeCustomKeyStores answered."),

    ACCOUNT_MISMATCH("Wrong account",
            "The credentials reach another account than the one configured. The console "
                    + "refuses to use this target until the account or the role is corrected."),

    CREDENTIALS_REFUSED("Credentials refused",
            "The credentials could not be obtained or were refused (role not "
                    + "assumable, wrong external ID, expired or unknown keys)."),

    ACCESS_DENIED("Access denied",
            "The credentials work, but KMS refused DescribeCustomKeyStores: the role or user "
                    + "needs kms:DescribeCustomKeyStores in this Region."),

    THROTTLED("Throttled", "KMS or STS throttled the check; try again in a moment."),

    UNREACHABLE("Unreachable", "The KMS or STS endpoint could not be reached (network, DNS, endpoint override)."),

    KMS_ERROR("KMS error", "KMS answered DescribeCustomKeyStores with an error; the detail names it.");

    private final String label;

    private final String explanation;

    TargetCheckOutcome(String label, String explanation) {
        this.label = label;
        this.explanation = explanation;
    }

    public String label() {
        return label;
    }

    public String explanation() {
        return explanation;
    }

}
