package com.cksconsole.keystore;

/**
 * A URL or a call named a target the console does not use: unknown, disabled, or refused
 * by its check (the page answers 404; nothing is sent to KMS).
 */
public class TargetNotUsableException extends RuntimeException {

    private final String targetName;

    public TargetNotUsableException(String targetName) {
        super("No usable target named " + targetName);
        this.targetName = targetName;
    }

    public String targetName() {
        return targetName;
    }

}
