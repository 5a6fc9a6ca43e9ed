package com.cksconsole.keystore.web;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;

/**
 * A KMS failure as shown in the error panel of the list and detail pages: a title and
 * what to do.
 */
record KmsProblem(String title, String explanation, String errorCode, @Nullable String requestId) {

    static KmsProblem of(KmsFailure failure) {
        if (failure.kind() == KmsFailureKind.CREDENTIALS_REFUSED && failure.errorCode().startsWith("Expired")) {
            return new KmsProblem("The credentials have expired",
                    "The temporary credentials the console signs with for this target have expired and could not be "
                            + "renewed. An administrator must check the target's role or profile on the Targets "
                            + "page.",
                    failure.errorCode(), failure.requestId());
        }
        if (failure.kind() == KmsFailureKind.CREDENTIALS_REFUSED && failure.errorCode().startsWith("AccessDenied")) {
            return new KmsProblem("Access denied",
                    "The console's credentials for this target are not allowed to describe its key stores (or to "
                            + "assume its role). An administrator must check the role's permissions and trust policy.",
                    failure.errorCode(), failure.requestId());
        }
        if (failure.kind() == KmsFailureKind.TARGET_UNAVAILABLE && failure.is("AccountMismatch")) {
            return new KmsProblem("The target reaches another account",
                    "The credentials of this target belong to another AWS account than the one it names, so the "
                            + "console does not use them. An administrator must correct the target's role or "
                            + "account on the Targets page.",
                    failure.errorCode(), failure.requestId());
        }
        return switch (failure.kind()) {
            case THROTTLED ->
                new KmsProblem("KMS is throttling requests",
                        "KMS received more DescribeCustomKeyStores requests than it allows per second for this account "
                                + "and Region. Wait a few seconds, then retry.",
                        failure.errorCode(), failure.requestId());
            case UNREACHABLE -> new KmsProblem("KMS cannot be reached",
                    "The console could not connect to KMS. Check the network and the console's KMS endpoint, "
                            + "then retry.",
                    failure.errorCode(), failure.requestId());
            case TIMED_OUT -> new KmsProblem("KMS did not answer in time",
                    "KMS did not answer within the time limit. Retry in a moment.", failure.errorCode(),
                    failure.requestId());
            case CREDENTIALS_REFUSED -> new KmsProblem("KMS refused the console's credentials",
                    "KMS did not accept the AWS credentials the console signs its requests with, or they lack "
                            + "permission. An administrator must check them; retrying will not help until then.",
                    failure.errorCode(), failure.requestId());
            case KMS_INTERNAL -> new KmsProblem("KMS had an internal error",
                    "KMS could not answer because of an internal error. Retry in a moment.", failure.errorCode(),
                    failure.requestId());
            case TARGET_UNAVAILABLE -> new KmsProblem("The console does not use this target",
                    "No enabled target of the console reaches this account and Region, or its check refused it. "
                            + "An administrator can enable or check it on the Targets page.",
                    failure.errorCode(), failure.requestId());
            case REFUSED -> new KmsProblem("KMS refused the request",
                    "KMS answered with an error the console did not expect.", failure.errorCode(), failure.requestId());
        };
    }
}
