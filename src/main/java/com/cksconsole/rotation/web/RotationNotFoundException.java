package com.cksconsole.rotation.web;

/** No rotation with this ID on this store: the 404 page. */
class RotationNotFoundException extends RuntimeException {

    private final String runId;

    RotationNotFoundException(String runId) {
        super("No credential rotation " + runId);
        this.runId = runId;
    }

    String runId() {
        return runId;
    }

}
