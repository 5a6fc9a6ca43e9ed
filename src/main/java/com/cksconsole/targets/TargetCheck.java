package com.cksconsole.targets;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Checks a target: which account do its credentials reach, and does
 * DescribeCustomKeyStores answer there? For a role the reached account is read from the
 * assumed role's ARN (AssumeRole's {@code AssumedRoleUser.Arn}); for the default chain
 * and a profile from STS GetCallerIdentity. A target that reaches another account than
 * the one configured is refused before any KMS call.
 */
@Component
class TargetCheck {

    private final TargetConnections connections;

    private final TargetProbe probe;

    private final Clock clock;

    TargetCheck(TargetConnections connections, TargetProbe probe, Clock clock) {
        this.connections = connections;
        this.probe = probe;
        this.clock = clock;
    }

    TargetCheckResult check(RegisteredTarget registered) {
        Target target = registered.target();
        Reached reached;
        try {
            reached = reach(registered);
        }
        catch (StsException refused) {
            return result(stsOutcome(refused), null, null, describe(refused));
        }
        catch (SdkClientException unreachable) {
            return result(TargetCheckOutcome.UNREACHABLE, null, null, unreachable.getMessage());
        }
        catch (SdkException other) {
            return result(TargetCheckOutcome.CREDENTIALS_REFUSED, null, null, other.getMessage());
        }
        if (!target.accountId().equals(reached.account())) {
            return result(TargetCheckOutcome.ACCOUNT_MISMATCH, reached.account(), null,
                    "Configured account " + target.accountId() + ", reached account " + reached.account() + ".");
        }
        TargetRoute registeredRoute = connections.route(registered);
        var route = new TargetRoute(target, reached.credentials(), registeredRoute.kmsEndpoint(),
                registeredRoute.cloudHsmEndpoint());
        TargetProbe.Answer answer = probe.describeOnce(route);
        return result(answer.outcome(), reached.account(), answer.storeCount(), answer.detail());
    }

    private Reached reach(RegisteredTarget registered) {
        Target target = registered.target();
        if (target.access() == TargetAccess.ASSUME_ROLE) {
            try (StsClient sts = connections.stsClient(target, connections.baseCredentials())) {
                AssumeRoleResponse assumed = sts.assumeRole(TargetConnections.assumeRoleRequest(target));
                var credentials = assumed.credentials();
                var session = AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                        credentials.sessionToken());
                String account = TargetRules.accountOfArn(assumed.assumedRoleUser().arn()).orElse("unknown");
                return new Reached(account, StaticCredentialsProvider.create(session));
            }
        }
        AwsCredentialsProvider credentials = connections.route(registered).credentials();
        try (StsClient sts = connections.stsClient(target, credentials)) {
            String arn = sts.getCallerIdentity().arn();
            return new Reached(TargetRules.accountOfArn(arn).orElse("unknown"), credentials);
        }
    }

    private static TargetCheckOutcome stsOutcome(StsException refused) {
        String code = refused.awsErrorDetails() == null ? "" : refused.awsErrorDetails().errorCode();
        return switch (code) {
            case "Throttling", "ThrottlingException" -> TargetCheckOutcome.THROTTLED;
            default -> TargetCheckOutcome.CREDENTIALS_REFUSED;
        };
    }

    private static String describe(StsException refused) {
        var details = refused.awsErrorDetails();
        return details == null ? String.valueOf(refused.getMessage())
                : details.errorCode() + ": " + details.errorMessage();
    }

    private TargetCheckResult result(TargetCheckOutcome outcome, @Nullable String account, @Nullable Integer stores,
            @Nullable String detail) {
        // Millisecond precision: what every supported database keeps of a timestamp.
        return new TargetCheckResult(clock.instant().truncatedTo(ChronoUnit.MILLIS), outcome, account, stores, detail);
    }

    private record Reached(String account, AwsCredentialsProvider credentials) {
    }

}
