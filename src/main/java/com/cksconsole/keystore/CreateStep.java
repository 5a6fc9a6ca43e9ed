package com.cksconsole.keystore;

/**
 * The steps of the create wizards a problem belongs to, so that a page can send the user
 * back to the step where the value is entered. The XKS wizard uses NAME, CONNECTIVITY,
 * PROXY, PREFLIGHT and REVIEW; the CloudHSM one NAME, CLUSTER, TRUST_ANCHOR, PASSWORD and
 * REVIEW.
 */
public enum CreateStep {

    /** Target and name; also where the account and Region's store quota is shown. */
    NAME("name"), CONNECTIVITY("connectivity"), PROXY("proxy"), PREFLIGHT("preflight"), REVIEW("review"),
    CLUSTER("cluster"), TRUST_ANCHOR("trust-anchor"), PASSWORD("password");

    private final String slug;

    CreateStep(String slug) {
        this.slug = slug;
    }

    /** The step's part of the wizard's URL. */
    public String slug() {
        return slug;
    }

}
