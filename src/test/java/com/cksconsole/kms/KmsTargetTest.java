package com.cksconsole.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KmsTargetTest {

    @ParameterizedTest
    @ValueSource(strings = { "us-east-1", "eu-west-1", "us-gov-west-1", "ap-southeast-4", "cn-north-1",
            "us-isob-east-1", "il-central-1" })
    void regionNamesAreAccepted(String region) {
        assertThat(new KmsTarget("111122223333", region).region()).isEqualTo(region);
    }

    @ParameterizedTest
    @ValueSource(
            strings = { "", "us-east", "US-EAST-1", "us_east_1", "useast1", "us-east-1 ", "u-east-1", "us-east-100" })
    void otherRegionNamesAreRefused(String region) {
        assertThatThrownBy(() -> new KmsTarget("111122223333", region)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "11112222333", "1111222233334", "11112222333a", " 111122223333" })
    void anAccountHasTwelveDigits(String account) {
        assertThatThrownBy(() -> new KmsTarget(account, "eu-west-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAccountMayBeUnknown() {
        assertThat(new KmsTarget(null, "eu-west-1")).hasToString("(account not configured)/eu-west-1");
    }

    @Test
    void itReadsAsAccountSlashRegion() {
        assertThat(new KmsTarget("111122223333", "eu-west-1")).hasToString("111122223333/eu-west-1");
    }

    @Test
    void twoTargetsAreEqualWhenAccountAndRegionAre() {
        assertThat(new KmsTarget("111122223333", "eu-west-1")).isEqualTo(new KmsTarget("111122223333", "eu-west-1"))
            .isNotEqualTo(new KmsTarget("111122223333", "eu-west-2"))
            .isNotEqualTo(new KmsTarget("444455556666", "eu-west-1"));
    }

}
