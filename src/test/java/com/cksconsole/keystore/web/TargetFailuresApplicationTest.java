package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleFaultTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.MutableClock;
import com.cksconsole.targets.Target;
import com.cksconsole.targets.TargetAccess;
import com.cksconsole.targets.TargetAdministration;
import com.cksconsole.targets.TargetCheckOutcome;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetOrigin;

/**
 * Targets that cannot be read, each shown in its own place while the others still show:
 * one throttled (its account and Region's DescribeCustomKeyStores quota used up, the
 * sandbox's clock held still), one unreachable (a KMS endpoint on a closed port), one
 * whose role refuses the external ID, and one whose credentials reach another account.
 * Through the real SDK against the sandbox over HTTP, in a context of its own with the
 * sandbox's request quota on.
 */
@ConsoleFaultTest
@TestPropertySource(properties = "console.sandbox.throttling.enabled=true")
class TargetFailuresApplicationTest {

    /** The sandbox's staging account keys (application-sandbox.yml). */
    static final String STAGING_KEY = "AKIDSANDBOXSTAG00001";

    static final String STAGING_SECRET = "sandbox/secret/staging/not-for-production00";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    TargetAdministration administration;

    @Autowired
    KeyStoreReads reads;

    private ConsoleHttpClient http;

    @BeforeEach
    void signIn() {
        clock.setToRealTime();
        http = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
    }

    @Test
    void aThrottledAnUnreachableAndARefusedTargetEachShowTheirOwnErrorWhileTheOthersStillShow() {
        add(new Target(new TargetName("closed-port"), "Closed port", "111122223333", "eu-central-1",
                TargetAccess.DEFAULT_CHAIN, null, null, null, null, URI.create("http://127.0.0.1:1"), 10, true));
        add(new Target(new TargetName("prod-wrong-id"), "Production, wrong external ID", "444455556666",
                "ap-southeast-2", TargetAccess.ASSUME_ROLE, null, "arn:aws:iam::444455556666:role/KeyStoreCustodian",
                "not-the-external-id", null, null, 10, true));
        // The clock stands still: the quota's one-second window never moves on.
        useUpTheDescribeQuotaOfStagingEuWest1();
        reads.forgetSnapshot();

        var list = http.get("/key-stores?target=all");

        assertThat(list.statusCode()).isEqualTo(200);
        String page = list.body();
        assertThat(problemOf(page, "staging-eu")).contains("Staging (eu-west-1)", "KMS is throttling requests",
                "555566667777", "eu-west-1");
        assertThat(problemOf(page, "closed-port")).contains("Closed port", "KMS cannot be reached");
        assertThat(problemOf(page, "prod-wrong-id")).contains("Production, wrong external ID", "Access denied");
        assertThat(page).as("the other targets' stores still show")
            .contains("prod-eu-hsm", "prod-eu-ekm", "finance-hsm-primary", "staging-us-vpc")
            .doesNotContain("staging-eu-ekm");
        assertThat(page).doesNotContain("id=\"target-problem-prod-eu\"", "id=\"target-problem-default\"");

        var one = http.get("/t/closed-port/key-stores");
        assertThat(one.statusCode()).as("its own page, when it is all there is to show").isEqualTo(503);
        assertThat(one.body()).contains("KMS cannot be reached");
    }

    @Test
    void aTargetWhoseCredentialsReachAnotherAccountIsNeitherListedNorUsed() {
        // Named as disaster recovery, but reached with the console's own credentials (the
        // default account's).
        add(new Target(new TargetName("wrong-account"), "DR with the console's own keys", "666677778888",
                "ap-northeast-1", TargetAccess.DEFAULT_CHAIN, null, null, null, null, null, 10, true));

        var before = http.get("/t/wrong-account/key-stores");
        assertThat(before.statusCode()).as("refused before its check, at its first use").isEqualTo(503);
        assertThat(before.body()).contains("The target reaches another account");

        assertThat(administration.check(new TargetName("wrong-account")).outcome())
            .isEqualTo(TargetCheckOutcome.ACCOUNT_MISMATCH);
        assertThat(http.get("/t/wrong-account/key-stores").statusCode()).as("after its check, out of use")
            .isEqualTo(404);
        assertThat(http.get("/key-stores?target=wrong-account").statusCode()).as("no longer a target to choose")
            .isEqualTo(400);
    }

    private void add(Target target) {
        administration.add(target, TargetOrigin.CONSOLE, "test");
    }

    /** The section of the list that tells why one target could not be read. */
    private static String problemOf(String page, String target) {
        int start = page.indexOf("id=\"target-problem-" + target + "\"");
        assertThat(start).as("the error block of " + target).isPositive();
        return page.substring(start, page.indexOf("</section>", start));
    }

    private void useUpTheDescribeQuotaOfStagingEuWest1() {
        try (KmsClient staging = KmsClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port + "/sandbox/kms"))
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(STAGING_KEY, STAGING_SECRET)))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build()) {
            boolean throttled = false;
            for (int i = 0; i < 10 && !throttled; i++) {
                try {
                    staging.describeCustomKeyStores();
                }
                catch (KmsException e) {
                    throttled = "ThrottlingException".equals(e.awsErrorDetails().errorCode());
                }
            }
            assertThat(throttled).as("the quota is used up").isTrue();
        }
    }

}
