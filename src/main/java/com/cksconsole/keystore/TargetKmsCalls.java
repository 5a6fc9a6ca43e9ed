package com.cksconsole.keystore;

import java.util.function.Function;

import software.amazon.awssdk.services.kms.KmsClient;

import com.cksconsole.kms.KmsTarget;

/**
 * KMS calls of other modules (the KMS keys of a store) through the client of a target:
 * the same per-target client, assumed role and credential renewal as the key store pages
 * use, and the same reduction of every SDK failure to a {@link KmsCallException} that
 * holds no KMS free text.
 */
public interface TargetKmsCalls {

    /**
     * Runs one call with the target's {@link KmsClient}; retried once with fresh
     * credentials when KMS refused them as expired.
     * @throws KmsCallException KMS refused or could not be reached, or the console does
     * not reach this target ({@link KmsFailureKind#TARGET_UNAVAILABLE})
     */
    <T> T call(String operation, KmsTarget target, Function<KmsClient, T> call);

}
