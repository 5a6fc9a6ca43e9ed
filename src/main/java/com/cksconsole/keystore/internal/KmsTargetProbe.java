package com.cksconsole.keystore.internal;

import org.springframework.stereotype.Component;

import com.cksconsole.targets.TargetCheckOutcome;
import com.cksconsole.targets.TargetProbe;
import com.cksconsole.targets.TargetRoute;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DescribeCustomKeyStoresRequest;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * The target check's one DescribeCustomKeyStores call, with a short-lived client built
 * for the credentials being checked (never the console's shared clients: a refused check
 * must not disturb them). One attempt, no retries: the check reports what happened,
 * throttling included.
 */
@Component
class KmsTargetProbe implements TargetProbe {

    @Override
    public Answer describeOnce(TargetRoute route) {
        try (KmsClient kms = client(route)) {
            var page = kms.describeCustomKeyStores(DescribeCustomKeyStoresRequest.builder().build());
            return new Answer(TargetCheckOutcome.OK, page.customKeyStores().size(), null);
        }
        catch (KmsException refused) {
            String code = refused.awsErrorDetails() == null ? "" : refused.awsErrorDetails().errorCode();
            String detail = code + ": " + (refused.awsErrorDetails() == null ? refused.getMessage()
                    : refused.awsErrorDetails().errorMessage());
            return new Answer(outcome(code), null, detail);
        }
        catch (SdkClientException unreachable) {
            return new Answer(TargetCheckOutcome.UNREACHABLE, null, unreachable.getMessage());
        }
    }

    /** KMS error codes (KMS API Reference, Common Errors) as check outcomes. */
    static TargetCheckOutcome outcome(String code) {
        return switch (code) {
            case "AccessDeniedException" -> TargetCheckOutcome.ACCESS_DENIED;
            case "ThrottlingException" -> TargetCheckOutcome.THROTTLED;
            case "UnrecognizedClientException", "ExpiredTokenException", "InvalidSignatureException",
                    "IncompleteSignature", "MissingAuthenticationTokenException", "InvalidClientTokenId" ->
                TargetCheckOutcome.CREDENTIALS_REFUSED;
            default -> TargetCheckOutcome.KMS_ERROR;
        };
    }

    private static KmsClient client(TargetRoute route) {
        // The console's own client path, with one attempt: the check reports throttling
        // as it is.
        return KmsClients.build(route, builder -> builder
            .overrideConfiguration(config -> config.retryStrategy(retry -> retry.maxAttempts(1))));
    }

}
