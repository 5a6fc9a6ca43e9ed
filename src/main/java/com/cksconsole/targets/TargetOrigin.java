package com.cksconsole.targets;

/** Where a target was defined; stored by name. */
public enum TargetOrigin {

    /**
     * Seeded from {@code console.targets} at start-up (once; later edits on the page
     * win).
     */
    CONFIGURATION,
    /** Added by an administrator on the Targets page. */
    CONSOLE

}
