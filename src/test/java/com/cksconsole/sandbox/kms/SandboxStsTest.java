package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.utils.DateUtils;

import com.cksconsole.kms.SandboxDefaults;

/**
 * The sandbox's accounts and STS AssumeRole, through the real SDK's {@link StsClient} and
 * {@link StsAssumeRoleCredentialsProvider} against {@code /sandbox/sts} and
 * {@code /sandbox/kms}. The roles and seeded stores are those of application-sandbox.yml
 * (docs/sandbox.md "Accounts, Regions and roles").
 */
class SandboxStsTest extends FrozenClockTestSupport {

    static final String PRODUCTION = "444455556666";
    static final String STAGING = "555566667777";
    static final String PRODUCTION_ROLE = "arn:aws:iam::444455556666:role/KeyStoreCustodian";
    static final String PRODUCTION_EXTERNAL_ID = "cks-console-production-7f3c";
    static final String STAGING_ROLE = "arn:aws:iam::555566667777:role/KeyStoreCustodian";

    /** Both production and staging seed a store with this ID in eu-west-1. */
    static final String SHARED_ID = "cks-1a2b3c4d5e6f70819";

    private final List<Credentials> issued = new CopyOnWriteArrayList<>();

    private StsClient sts;

    @BeforeEach
    void openSts() {
        sts = sts(SandboxDefaults.ACCESS_KEY_ID, SandboxDefaults.SECRET_ACCESS_KEY);
    }

    @AfterEach
    void closeSts() {
        sts.close();
    }

    @Test
    void anAssumedRoleActsInTheRolesAccountWithItsOwnStores() {
        AssumeRoleResponse response = sts.assumeRole(b -> b.roleArn(STAGING_ROLE).roleSessionName("console-test"));

        Credentials credentials = response.credentials();
        assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(credentials.sessionToken()).isNotBlank();
        assertThat(credentials.expiration())
            .isEqualTo(clock.instant().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS));
        assertThat(response.assumedRoleUser().arn())
            .isEqualTo("arn:aws:sts::555566667777:assumed-role/KeyStoreCustodian/console-test");
        assertThat(response.assumedRoleUser().assumedRoleId()).startsWith("AROA").endsWith(":console-test");

        try (KmsClient staging = kms("eu-west-1", session(credentials))) {
            assertThat(staging.describeCustomKeyStores().customKeyStores())
                .extracting(CustomKeyStoresListEntry::customKeyStoreName)
                .containsExactly("staging-eu-ekm", "staging-eu-hsm");
        }
        try (StsClient asStaging = sts(session(credentials))) {
            var identity = asStaging.getCallerIdentity();
            assertThat(identity.account()).isEqualTo(STAGING);
            assertThat(identity.arn()).isEqualTo(response.assumedRoleUser().arn());
        }
    }

    @Test
    void theSeedsHoldEveryStateAcrossThreeAccountsAndTwoRegions() {
        var keys = Map.of("AKIDSANDBOXPROD00001", "sandbox/secret/production/not-for-production",
                "AKIDSANDBOXSTAG00001", "sandbox/secret/staging/not-for-production00", "AKIDSANDBOXDRDR00001",
                "sandbox/secret/disaster-recovery/not-for-prod");
        var states = new HashSet<ConnectionStateType>();
        keys.forEach((key, secret) -> {
            for (String seededRegion : List.of("eu-west-1", "us-east-1")) {
                try (KmsClient account = client(seededRegion, key, secret)) {
                    var stores = account.describeCustomKeyStores().customKeyStores();
                    assertThat(stores).as("%s in %s", key, seededRegion).isNotEmpty();
                    stores.forEach(store -> states.add(store.connectionState()));
                }
            }
        });

        assertThat(states)
            .containsExactlyInAnyOrder(ConnectionStateType.knownValues().toArray(ConnectionStateType[]::new));
    }

    @Test
    void theSameStoreIdLivesApartInTwoAccounts() {
        try (KmsClient production = kms("eu-west-1", new StsProvider(PRODUCTION_ROLE, PRODUCTION_EXTERNAL_ID).get());
                KmsClient staging = client("eu-west-1", "AKIDSANDBOXSTAG00001",
                        "sandbox/secret/staging/not-for-production00")) {
            assertThat(production.describeCustomKeyStores(b -> b.customKeyStoreId(SHARED_ID)).customKeyStores())
                .singleElement()
                .extracting(CustomKeyStoresListEntry::customKeyStoreName)
                .isEqualTo("prod-eu-ekm");
            assertThat(staging.describeCustomKeyStores(b -> b.customKeyStoreId(SHARED_ID)).customKeyStores())
                .singleElement()
                .extracting(CustomKeyStoresListEntry::customKeyStoreName)
                .isEqualTo("staging-eu-ekm");
            // The default account has no such store in that Region.
            kmsError(() -> client("eu-west-1").describeCustomKeyStores(b -> b.customKeyStoreId(SHARED_ID)),
                    "CustomKeyStoreNotFoundException");
        }
    }

    @Test
    void theQuotaIsPerAccountAndRegion() {
        try (KmsClient staging = client(region, "AKIDSANDBOXSTAG00001",
                "sandbox/secret/staging/not-for-production00")) {
            var paths = List.of("/tenant-a/kms/xks/v1", "/kms/xks/v1", "/tenant-b/kms/xks/v1", "/degraded/kms/xks/v1");
            var credentials = List.of(TENANT_A, PRIVATE, TENANT_B, LAB);
            var endpoints = List.of(PUBLIC_ENDPOINT, LAB_ENDPOINT, PRIVATE_ENDPOINT);
            for (int i = 0; i < 10; i++) {
                int n = i;
                staging.createCustomKeyStore(publicXks("quota-" + n, endpoints.get(n / paths.size()),
                        paths.get(n % paths.size()), credentials.get(n % paths.size())));
            }

            kmsError(() -> staging.createCustomKeyStore(b -> b.customKeyStoreName("quota-11")
                .cloudHsmClusterId(PAYMENTS_CLUSTER)
                .trustAnchorCertificate(trustAnchorOf(PAYMENTS_CLUSTER))
                .keyStorePassword("PaymentsDr77")), "LimitExceededException");
        }
        // Another account in the same Region still has all of its quota.
        assertThat(createPublicXks("default-account")).startsWith("cks-");
    }

    @Test
    void aWrongOrMissingExternalIdAnUnknownRoleAndAnUntrustedCallerAreAccessDenied() {
        String defaultUser = "User: arn:aws:iam::111122223333:user/sandbox";

        assertThat(stsError(
                () -> sts
                    .assumeRole(b -> b.roleArn(PRODUCTION_ROLE).roleSessionName("s1").externalId("not-the-right-one")),
                "AccessDenied", 403)
            .awsErrorDetails()
            .errorMessage())
            .isEqualTo(defaultUser + " is not authorized to perform: sts:AssumeRole on resource: " + PRODUCTION_ROLE);
        stsError(() -> sts.assumeRole(b -> b.roleArn(PRODUCTION_ROLE).roleSessionName("s1")), "AccessDenied", 403);
        stsError(
                () -> sts.assumeRole(b -> b.roleArn("arn:aws:iam::444455556666:role/NoSuchRole").roleSessionName("s1")),
                "AccessDenied", 403);
        try (StsClient asStaging = sts("AKIDSANDBOXSTAG00001", "sandbox/secret/staging/not-for-production00")) {
            // The staging role trusts the default account only, not its own.
            stsError(() -> asStaging.assumeRole(b -> b.roleArn(STAGING_ROLE).roleSessionName("s1")), "AccessDenied",
                    403);
        }
    }

    @Test
    void theRequestIsValidated() {
        assertThat(
                stsError(() -> sts.assumeRole(b -> b.roleArn(STAGING_ROLE).roleSessionName("x").durationSeconds(899)),
                        "ValidationError", 400)
                    .awsErrorDetails()
                    .errorMessage())
            .isEqualTo("2 validation errors detected: Value 'x' at 'roleSessionName' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 2; Value '899' at "
                    + "'durationSeconds' failed to satisfy constraint: Member must have value greater than or "
                    + "equal to 900");
        stsError(() -> sts.assumeRole(b -> b.roleArn(STAGING_ROLE).roleSessionName("has space")), "ValidationError",
                400);
        stsError(() -> sts.assumeRole(b -> b.roleArn(STAGING_ROLE).roleSessionName("s1").durationSeconds(43201)),
                "ValidationError", 400);
        stsError(() -> sts.assumeRole(b -> b.roleArn(PRODUCTION_ROLE).roleSessionName("s1").externalId("x")),
                "ValidationError", 400);
        // 12 hours is the staging role's maximum; production allows the default 1 hour
        // only.
        assertThat(sts.assumeRole(b -> b.roleArn(STAGING_ROLE).roleSessionName("s1").durationSeconds(43200))
            .credentials()
            .expiration()).isAfter(clock.instant().plus(Duration.ofHours(11)));
        assertThat(stsError(() -> sts.assumeRole(b -> b.roleArn(PRODUCTION_ROLE)
            .roleSessionName("s1")
            .externalId(PRODUCTION_EXTERNAL_ID)
            .durationSeconds(3601)), "ValidationError", 400).awsErrorDetails().errorMessage())
            .isEqualTo("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }

    @Test
    void temporaryCredentialsNeedTheirSessionToken() {
        Credentials credentials = sts.assumeRole(b -> b.roleArn(STAGING_ROLE).roleSessionName("s1")).credentials();

        try (KmsClient withoutToken = client("eu-west-1", credentials.accessKeyId(), credentials.secretAccessKey());
                KmsClient wrongToken = kms("eu-west-1", StaticCredentialsProvider.create(AwsSessionCredentials
                    .create(credentials.accessKeyId(), credentials.secretAccessKey(), "SANDBOX/not-the-token")))) {
            kmsError(withoutToken::describeCustomKeyStores, "UnrecognizedClientException");
            kmsError(wrongToken::describeCustomKeyStores, "UnrecognizedClientException");
        }
    }

    /**
     * A signature the sandbox's clock has left behind is refused as STS refuses it
     * (SignatureDoesNotMatch, "Signature expired"), the answer's Date header carrying the
     * sandbox's time: the SDK corrects its clock offset from it, as against AWS, and its
     * next request is accepted. The SDK keeps the offset for new clients too, so it is
     * reset afterwards.
     */
    @Test
    void aSignatureTheClockLeftBehindIsRefusedWithTheSandboxTimeWhichTheSdkAdoptsForItsNextRequest() {
        setClock(Instant.now().plus(Duration.ofMinutes(61)));
        try {
            StsException error = stsError(sts::getCallerIdentity, "SignatureDoesNotMatch", 403);
            assertThat(error.awsErrorDetails().errorMessage()).startsWith("Signature expired: ");
            assertThat(error.awsErrorDetails()
                .sdkHttpResponse()
                .firstMatchingHeader("Date")
                .map(DateUtils::parseRfc1123Date)).contains(clock.instant().truncatedTo(ChronoUnit.SECONDS));

            assertThat(sts.getCallerIdentity().account()).isEqualTo(SandboxDefaults.ACCOUNT_ID);
        }
        finally {
            SdkGlobalTime.setGlobalTimeOffset(0);
        }
    }

    /**
     * The SDK signs with the real time and the sandbox refuses signatures 5 minutes off
     * its clock, so the sandbox clock moves within that window while credentials are
     * issued: issued 4.5 minutes "early", they expire 10.5 minutes from now, which a
     * provider with a stale time of 11 minutes treats as stale at once (the SDK then
     * keeps them for one more second). After the sandbox clock passes their expiration
     * they are refused; the provider's next call after that second fetches new ones,
     * which work.
     */
    @Test
    void expiredCredentialsAreRefusedAndTheProviderRefreshesThem() {
        setClock(Instant.now().minus(Duration.ofSeconds(270)));
        try (StsAssumeRoleCredentialsProvider credentials = new StsProvider(PRODUCTION_ROLE, PRODUCTION_EXTERNAL_ID)
            .get(); KmsClient production = kms("us-east-1", credentials)) {
            assertThat(production.describeCustomKeyStores().customKeyStores()).hasSize(2);
            assertThat(issued).hasSize(1);
            Credentials first = issued.get(0);

            setClock(first.expiration());
            try (KmsClient expired = kms("us-east-1", session(first))) {
                KmsException error = kmsError(expired::describeCustomKeyStores, "ExpiredTokenException");
                assertThat(message(error)).isEqualTo("The security token included in the request is expired");
            }

            setClock(Instant.now());
            await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !credentials.resolveCredentials().accessKeyId().equals(first.accessKeyId()));
            assertThat(issued).hasSize(2);
            assertThat(production.describeCustomKeyStores().customKeyStores()).hasSize(2);
        }
    }

    /** A provider whose AssumeRole answers the test records. */
    private final class StsProvider {

        private final String roleArn;

        private final String externalId;

        StsProvider(String roleArn, String externalId) {
            this.roleArn = roleArn;
            this.externalId = externalId;
        }

        StsAssumeRoleCredentialsProvider get() {
            StsClient client = StsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port + "/sandbox/sts"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(SandboxDefaults.ACCESS_KEY_ID, SandboxDefaults.SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .addExecutionInterceptor(new StsPath())
                    .addExecutionInterceptor(new ExecutionInterceptor() {
                        @Override
                        public void afterUnmarshalling(Context.AfterUnmarshalling context,
                                ExecutionAttributes attributes) {
                            if (context.response() instanceof AssumeRoleResponse assumed) {
                                issued.add(assumed.credentials());
                            }
                        }
                    }))
                .build();
            return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(client)
                .refreshRequest(AssumeRoleRequest.builder()
                    .roleArn(roleArn)
                    .roleSessionName("console")
                    .externalId(externalId)
                    .durationSeconds(900)
                    .build())
                .asyncCredentialUpdateEnabled(false)
                .prefetchTime(Duration.ofMinutes(11))
                .staleTime(Duration.ofMinutes(11))
                .build();
        }

    }

    private StsClient sts(String accessKeyId, String secretAccessKey) {
        return sts(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
    }

    private StsClient sts(AwsCredentialsProvider credentials) {
        return StsClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port + "/sandbox/sts"))
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
                .addExecutionInterceptor(new StsPath()))
            .build();
    }

    /**
     * The SDK's STS client (Query protocol) posts to "/" of the endpoint host and drops
     * the override's path; this puts {@code /sandbox/sts} back (docs/sandbox.md "STS
     * AssumeRole").
     */
    static final class StsPath implements ExecutionInterceptor {

        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder().encodedPath("/sandbox/sts").build();
        }

    }

    private KmsClient kms(String region, AwsCredentialsProvider credentials) {
        return KmsClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port + "/sandbox/kms"))
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    }

    private static StaticCredentialsProvider session(Credentials credentials) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken()));
    }

    private static StsException stsError(ThrowingCallable call, String code, int status) {
        StsException error = catchThrowableOfType(StsException.class, call);
        assertThat(error).as("expected %s", code).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(error.statusCode()).isEqualTo(status);
        return error;
    }

}
