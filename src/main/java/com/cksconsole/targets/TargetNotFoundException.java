package com.cksconsole.targets;

/** No target has this name (the page answers 404). */
public class TargetNotFoundException extends RuntimeException {

    public TargetNotFoundException(TargetName name) {
        super("No target named " + name);
    }

}
