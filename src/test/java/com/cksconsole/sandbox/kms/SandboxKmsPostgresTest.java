package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.Tag;

import com.cksconsole.support.PostgresTestDatabase;

/**
 * The sandbox on PostgreSQL, the production database: its own Flyway history applies
 * there, two console instances started together on one database seed it once and keep
 * every operation atomic across instances, and a third instance started later sees
 * everything as it was.
 */
class SandboxKmsPostgresTest {

    private final SandboxApplications applications = new SandboxApplications();

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        applications.close();
    }

    @Test
    void twoInstancesShareOneSandboxAtomically() throws Exception {
        String url = PostgresTestDatabase.freshSchema();
        Future<ConfigurableApplicationContext> startingA = pool.submit(() -> applications.start(url));
        Future<ConfigurableApplicationContext> startingB = pool.submit(() -> applications.start(url));
        var a = startingA.get(120, TimeUnit.SECONDS);
        var b = startingB.get(120, TimeUnit.SECONDS);

        var jdbc = a.getBean(JdbcClient.class);
        assertThat(jdbc.sql("select version from sandbox_schema_history where success and version is not null")
            .query(String.class)
            .list()).contains("1");
        assertThat(jdbc.sql("select count(*) from flyway_schema_history").query(Long.class).single()).isPositive();
        try (KmsClient seededA = SandboxApplications.kms(a, "us-east-1");
                KmsClient seededB = SandboxApplications.kms(b, "us-east-1")) {
            assertThat(seededA.describeCustomKeyStores().customKeyStores()).hasSize(5);
            assertThat(seededB.describeCustomKeyStores().customKeyStores()).hasSize(5);
        }

        String region = SandboxKmsTestSupport.newRegion();
        try (KmsClient viaA = SandboxApplications.kms(a, region); KmsClient viaB = SandboxApplications.kms(b, region)) {
            var aws = a.getBean(SimulatedAws.class);
            List<String> clusters = List.of("cluster-jxhlf7644ne", "cluster-k4p2mq7xa3b", "cluster-h5vq2xw7zpm",
                    "cluster-testnokmsuser");
            List<String> created = race(clusters.size(),
                    i -> () -> (i % 2 == 0 ? viaA : viaB)
                        .createCustomKeyStore(request -> request.customKeyStoreName("pg-same-name")
                            .cloudHsmClusterId(clusters.get(i))
                            .trustAnchorCertificate(aws.trustAnchor(aws.cluster(clusters.get(i)).orElseThrow()))
                            .keyStorePassword("SpareCluster9"))
                        .customKeyStoreId());
            assertThat(created.stream().filter(outcome -> outcome.startsWith("cks-"))).hasSize(1);
            assertThat(created.stream().filter(outcome -> !outcome.startsWith("cks-")))
                .containsOnly("CustomKeyStoreNameInUseException");
            String id = created.stream().filter(outcome -> outcome.startsWith("cks-")).findFirst().orElseThrow();
            assertThat(viaB.describeCustomKeyStores(r -> r.customKeyStoreId(id)).customKeyStores()).hasSize(1);

            String connected = viaA
                .createCustomKeyStore(SandboxKmsTestSupport.publicXks("pg-xks", SandboxKmsTestSupport.PUBLIC_ENDPOINT,
                        "/tenant-b/kms/xks/v1", SandboxKmsTestSupport.TENANT_B))
                .customKeyStoreId();
            viaB.connectCustomKeyStore(r -> r.customKeyStoreId(connected));
            SandboxPersistenceTest.awaitState(viaA, connected, ConnectionStateType.CONNECTED);
            List<String> disconnects = race(6, i -> () -> {
                (i % 2 == 0 ? viaA : viaB).disconnectCustomKeyStore(r -> r.customKeyStoreId(connected));
                return "OK";
            });
            assertThat(disconnects.stream().filter("OK"::equals)).hasSize(1);
            assertThat(disconnects.stream().filter("CustomKeyStoreInvalidStateException"::equals)).hasSize(5);
            SandboxPersistenceTest.awaitState(viaB, connected, ConnectionStateType.DISCONNECTED);
        }
        List<CustomKeyStoresListEntry> before;
        try (KmsClient viaA = SandboxApplications.kms(a, region)) {
            before = viaA.describeCustomKeyStores().customKeyStores();
        }
        applications.close();

        var c = applications.start(url);

        try (KmsClient viaC = SandboxApplications.kms(c, region)) {
            assertThat(viaC.describeCustomKeyStores().customKeyStores()).containsExactlyElementsOf(before);
        }
    }

    @Test
    void keysAliasesTagsAndCiphertextsLiveOnPostgres() throws Exception {
        String url = PostgresTestDatabase.freshSchema();
        var a = applications.start(url);
        String region = SandboxKmsTestSupport.newRegion();
        String key;
        SdkBytes blob;
        String description = "Schlüssel für Gehälter " + "d".repeat(8000);
        try (KmsClient kms = SandboxApplications.kms(a, region)) {
            var aws = a.getBean(SimulatedAws.class);
            String store = SandboxPersistenceTest.connectedSpareStore(kms, aws, "pg-keys");
            key = kms
                .createKey(b -> b.customKeyStoreId(store)
                    .origin(OriginType.AWS_CLOUDHSM)
                    .description(description)
                    .tags(Tag.builder().tagKey("Zeta").tagValue("z").build(),
                            Tag.builder().tagKey("alpha").tagValue("a").build()))
                .keyMetadata()
                .keyId();
            List<String> aliases = race(6, i -> () -> {
                kms.createAlias(b -> b.aliasName("alias/pg-race").targetKeyId(key));
                return "OK";
            });
            assertThat(aliases.stream().filter("OK"::equals)).hasSize(1);
            assertThat(aliases.stream().filter("AlreadyExistsException"::equals)).hasSize(5);
            blob = kms.encrypt(b -> b.keyId("alias/pg-race").plaintext(SdkBytes.fromUtf8String("on postgres")))
                .ciphertextBlob();
        }
        applications.close();

        var b = applications.start(url);

        try (KmsClient kms = SandboxApplications.kms(b, region)) {
            assertThat(kms.describeKey(r -> r.keyId("alias/pg-race")).keyMetadata().description())
                .isEqualTo(description);
            // Sorted by code point, as on H2 (PostgreSQL's collation would put alpha
            // first).
            assertThat(kms.listResourceTags(r -> r.keyId(key)).tags()).extracting(Tag::tagKey)
                .containsExactly("Zeta", "alpha");
            var decrypt = kms.decrypt(r -> r.ciphertextBlob(blob));
            assertThat(decrypt.plaintext().asUtf8String()).isEqualTo("on postgres");
        }
    }

    interface Attempt {

        Callable<String> of(int index);

    }

    private List<String> race(int count, Attempt attempt) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Callable<String> call = attempt.of(i);
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    return call.call();
                }
                catch (KmsException e) {
                    return e.awsErrorDetails().errorCode();
                }
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> future : futures) {
            outcomes.add(future.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

}
