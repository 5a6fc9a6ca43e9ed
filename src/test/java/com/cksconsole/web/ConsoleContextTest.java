package com.cksconsole.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.cksconsole.kms.KmsMode;
import com.cksconsole.keystore.KmsProperties;

/** What the header says about the KMS the console acts on, in each mode. */
class ConsoleContextTest {

    @Test
    void sandboxModeIsMarkedAndNamesTheSandboxAccount() {
        var context = ConsoleContext.of(new KmsProperties(KmsMode.SANDBOX, "eu-west-1", null, false));
        assertThat(context.sandbox()).isTrue();
        assertThat(context.accountText()).isEqualTo("111122223333");
        assertThat(context.region()).isEqualTo("eu-west-1");
        assertThat(context.kmsText()).isEqualTo("the KMS sandbox");
    }

    @Test
    void awsModeIsNotMarkedAsSandboxAndSaysWhenTheAccountIsNotConfigured() {
        var unconfigured = ConsoleContext.of(new KmsProperties(KmsMode.AWS, "us-west-2", null, false));
        assertThat(unconfigured.sandbox()).isFalse();
        assertThat(unconfigured.accountText()).isEqualTo("not configured");
        assertThat(unconfigured.kmsText()).isEqualTo("AWS KMS");
        assertThat(ConsoleContext
            .of(new KmsProperties(KmsMode.AWS, "us-west-2", null, false, Duration.ofSeconds(3), "444455556666"))
            .accountText()).isEqualTo("444455556666");
    }

}
