package com.cksconsole.keys.web;

import com.cksconsole.keystore.KmsFailure;

/** A KMS failure in plain words, with its error name and request ID; no KMS free text. */
final class KeyFailureText {

    private KeyFailureText() {
    }

    static String of(KmsFailure failure) {
        String why = switch (failure.kind()) {
            case THROTTLED -> "KMS is throttling requests right now; try again in a few seconds.";
            case KMS_INTERNAL -> "KMS had an internal error; nothing was done, and trying again is safe.";
            case CREDENTIALS_REFUSED -> "KMS did not accept the console's AWS credentials for this target.";
            case TIMED_OUT -> "KMS did not answer in time.";
            case UNREACHABLE -> "KMS could not be reached.";
            case TARGET_UNAVAILABLE -> "The console does not call KMS for this target now.";
            case REFUSED -> "KMS refused the request.";
        };
        return why + " (KMS error " + failure.errorCode()
                + (failure.requestId() == null ? "" : ", request " + failure.requestId()) + ")";
    }

}
