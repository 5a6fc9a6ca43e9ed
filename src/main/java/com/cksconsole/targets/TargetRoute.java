package com.cksconsole.targets;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What the module that calls KMS needs to reach one target: the target (Region, account),
 * a credentials provider (for a role: temporary credentials, refreshed by the AWS SDK
 * before they expire) and the KMS endpoint to use when it is not AWS's regional one (a
 * VPC interface endpoint, or the embedded sandbox, whose port is only known once the web
 * server runs, hence a supplier asked per request), and the CloudHSM v2 endpoint when it
 * is not AWS's regional one (the sandbox's; in aws mode the SDK's own endpoint settings,
 * e.g. {@code AWS_ENDPOINT_URL_CLOUDHSM_V2}, still apply).
 */
public record TargetRoute(Target target, AwsCredentialsProvider credentials, Supplier<Optional<URI>> kmsEndpoint,
        Supplier<Optional<URI>> cloudHsmEndpoint) {

    /** A route whose CloudHSM v2 endpoint is AWS's regional one. */
    public TargetRoute(Target target, AwsCredentialsProvider credentials, Supplier<Optional<URI>> kmsEndpoint) {
        this(target, credentials, kmsEndpoint, Optional::empty);
    }

    @Override
    public String toString() {
        return "TargetRoute[" + target.name() + "]";
    }
}
