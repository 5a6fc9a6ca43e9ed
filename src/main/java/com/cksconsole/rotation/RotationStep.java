package com.cksconsole.rotation;

/** The seven steps of a rotation, as the run page lists them. */
public enum RotationStep {

    NEW_CREDENTIAL("New credential"), STAGE("Stage it on the proxy"), PROVE("Prove the proxy accepts it"),
    UPDATE_KMS("Update KMS"), SOAK("Watch while KMS moves over"), RETIRE_OLD("Retire the old credential"), DONE("Done");

    private final String label;

    RotationStep(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

}
