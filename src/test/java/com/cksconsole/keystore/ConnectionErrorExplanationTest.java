package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import software.amazon.awssdk.services.kms.model.ConnectionErrorCodeType;

import com.cksconsole.kms.KeyStoreType;

/**
 * Every KMS ConnectionErrorCode has a meaning and a fix in plain words (KMS API
 * Reference, CustomKeyStoresListEntry ConnectionErrorCode).
 */
class ConnectionErrorExplanationTest {

    @Test
    void theConsoleKnowsExactlyTheEighteenCodesOfTheKmsModel() {
        var sdkCodes = ConnectionErrorCodeType.knownValues()
            .stream()
            .map(ConnectionErrorCodeType::toString)
            .collect(Collectors.toSet());
        assertThat(sdkCodes).hasSize(18);
        assertThat(ConnectionErrorExplanation.knownCodes()).isEqualTo(sdkCodes);
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionErrorCodeType.class, mode = EnumSource.Mode.EXCLUDE, names = "UNKNOWN_TO_SDK_VERSION")
    void everyCodeHasItsOwnMeaningAndAFix(ConnectionErrorCodeType code) {
        var explanation = ConnectionErrorExplanation.of(code.toString(), KeyStoreType.EXTERNAL_KEY_STORE);
        assertThat(explanation.code()).isEqualTo(code.toString());
        assertThat(explanation.meaning()).doesNotContain("does not know");
        assertThat(explanation.fix()).isNotBlank();
    }

    @Test
    void invalidCredentialsIsExplainedPerStoreType() {
        var hsm = ConnectionErrorExplanation.of("INVALID_CREDENTIALS", KeyStoreType.AWS_CLOUDHSM);
        var xks = ConnectionErrorExplanation.of("INVALID_CREDENTIALS", KeyStoreType.EXTERNAL_KEY_STORE);
        assertThat(hsm.meaning()).contains("kmsuser");
        assertThat(hsm.fix()).contains("key store password");
        assertThat(xks.meaning()).contains("proxy").contains("access key ID");
        assertThat(xks.fix()).contains("allowed while connected");
    }

    @Test
    void anUnknownCodeGetsAGeneralExplanation() {
        var explanation = ConnectionErrorExplanation.of("SOMETHING_NEW", null);
        assertThat(explanation.meaning()).contains("does not know");
    }

}
