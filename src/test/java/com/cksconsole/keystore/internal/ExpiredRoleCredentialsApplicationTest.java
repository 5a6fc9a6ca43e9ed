package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import software.amazon.awssdk.core.SdkGlobalTime;

import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleFaultTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.SandboxTraffic;

/**
 * A role target whose temporary credentials have expired keeps working (issue #14):
 * through the real SDK against the sandbox over HTTP, the application's and the sandbox's
 * clock moved past the session's end. KMS refuses the old credentials as expired, the
 * console assumes the role again and resends; STS and KMS refuse the SDK's real-time
 * signatures as expired too, and the SDK signs its retries with the server's time from
 * their Date header, as it does against AWS.
 */
@ConsoleFaultTest
class ExpiredRoleCredentialsApplicationTest {

    static final KmsTarget PROD_EU = new KmsTarget("444455556666", "eu-west-1");

    /**
     * Past the end of the one-hour session the console asks for (the role's
     * max-session-duration in application-sandbox.yml).
     */
    static final Duration PAST_THE_SESSION = Duration.ofMinutes(61);

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    SandboxTraffic traffic;

    @Autowired
    KeyStoreReads reads;

    @Autowired
    KmsClientSource clients;

    private ConsoleHttpClient http;

    @BeforeEach
    void signIn() {
        clock.setToRealTime();
        // The role's session starts in this test, at the clock's time.
        clients.renew(PROD_EU);
        reads.forgetSnapshot();
        http = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
    }

    /**
     * Other tests share the context and the SDK: the real time again, and clients that
     * have not learnt the moved clock's offset (the SDK keeps one per client and a global
     * one for new clients).
     */
    @AfterEach
    void restoreTheClock() {
        clock.setToRealTime();
        SdkGlobalTime.setGlobalTimeOffset(0);
        clients.renew(PROD_EU);
        reads.forgetSnapshot();
    }

    @Test
    void aRoleTargetWhoseCredentialsExpiredGetsFreshOnesAndStillShowsItsStores() {
        var before = http.get("/t/prod-eu/key-stores");
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body()).contains("prod-eu-hsm", "prod-eu-ekm");
        int sessions = traffic.answered("AssumeRole");
        int expired = traffic.errors("ExpiredTokenException");
        int skewedKms = traffic.errors("InvalidSignatureException");
        int skewedSts = traffic.errors("SignatureDoesNotMatch");

        clock.advance(PAST_THE_SESSION);
        reads.forgetSnapshot();
        var after = http.get("/t/prod-eu/key-stores");

        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("prod-eu-hsm", "prod-eu-ekm");
        assertThat(traffic.errors("ExpiredTokenException")).as("KMS refused the first session's credentials")
            .isEqualTo(expired + 1);
        assertThat(traffic.answered("AssumeRole")).as("a second session").isEqualTo(sessions + 1);
        assertThat(traffic.errors("SignatureDoesNotMatch")).as("STS told the SDK its signing time was off")
            .isGreaterThan(skewedSts);
        // The renewed KMS client, built after STS's correction, starts with the SDK's
        // global offset and signs with the sandbox's time at once.
        assertThat(traffic.errors("InvalidSignatureException")).as("no other refusal").isEqualTo(skewedKms);
    }

}
