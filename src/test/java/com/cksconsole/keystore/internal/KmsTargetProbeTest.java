package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.cksconsole.targets.TargetCheckOutcome;

/**
 * KMS's error codes (KMS API Reference, Common Errors) as the target check reports them.
 */
class KmsTargetProbeTest {

    @Test
    void eachKmsErrorIsReportedAsWhatItMeansForTheTarget() {
        assertThat(KmsTargetProbe.outcome("AccessDeniedException")).isEqualTo(TargetCheckOutcome.ACCESS_DENIED);
        assertThat(KmsTargetProbe.outcome("ThrottlingException")).isEqualTo(TargetCheckOutcome.THROTTLED);
        assertThat(KmsTargetProbe.outcome("ExpiredTokenException")).isEqualTo(TargetCheckOutcome.CREDENTIALS_REFUSED);
        assertThat(KmsTargetProbe.outcome("UnrecognizedClientException"))
            .isEqualTo(TargetCheckOutcome.CREDENTIALS_REFUSED);
        assertThat(KmsTargetProbe.outcome("InvalidSignatureException"))
            .isEqualTo(TargetCheckOutcome.CREDENTIALS_REFUSED);
        assertThat(KmsTargetProbe.outcome("KMSInternalException")).isEqualTo(TargetCheckOutcome.KMS_ERROR);
    }

}
