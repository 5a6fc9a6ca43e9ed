package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;
import software.amazon.awssdk.services.kms.model.XksProxyUriUnreachableException;

import com.cksconsole.keystore.ProxyCredentialChange.Source;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.kms.SandboxDefaults;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.sandbox.xksproxy.SandboxProxyCredentials;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.targets.Target;
import com.cksconsole.targets.TargetAccess;
import com.cksconsole.targets.TargetAdministration;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetOrigin;
import com.cksconsole.targets.Targets;

/**
 * The records of proxy credential changes on the whole application, against the KMS
 * sandbox through the real SDK (docs/health.md, "Credential age"): a store first seen by
 * a Describe has an unknown age; an update through the console that sets the credential
 * records when it succeeded, one without a credential does not; a credential changed
 * through the SDK (as the AWS CLI would) is recorded as changed outside the console when
 * the next Describe shows it; the store page shows the age against the target's policy
 * with "Rotate now".
 *
 * <p>
 * Each test creates its own external key store in a target of its own (the default
 * account in ca-central-1, which no other test uses, with a 30-day policy) and deletes it
 * afterwards; the target is disabled at the end, so the other tests' targets are as they
 * expect.
 */
@ConsoleApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialAgeApplicationTest {

    static final String REGION = "ca-central-1";

    static final TargetName TARGET = new TargetName("ages-ca");

    static final int POLICY_DAYS = 30;

    static final String ROTATED_KEY_ID = "AGESROTATEDKEYID2345";

    /** Test data, accepted by the sandbox proxy for this test only. */
    static final String ROTATED_SECRET = "AgesRotatedSecretOfTheCredentialAgeTest0123=";

    static final String PREFIX = "/tenant-b";

    @LocalServerPort
    int port;

    @Autowired
    TargetAdministration administration;

    @Autowired
    Targets targets;

    @Autowired
    KeyStoreReads reads;

    @Autowired
    KeyStoreChanges changes;

    @Autowired
    XksPreflight preflight;

    @Autowired
    KeyStoreCreation creation;

    @Autowired
    ProxyCredentialAges ages;

    /**
     * KMS checks a new credential with the proxy: the proxy accepts the rotated one too.
     */
    @Autowired
    SandboxProxyCredentials proxyCredentials;

    private final KmsTarget target = new KmsTarget(SandboxDefaults.ACCOUNT_ID, REGION);

    private KmsClient kms;

    private KeyStoreRef store;

    @BeforeAll
    void openRegion() {
        if (targets.find(TARGET).isEmpty()) {
            administration.add(new Target(TARGET, "Credential ages (ca-central-1)", SandboxDefaults.ACCOUNT_ID, REGION,
                    TargetAccess.DEFAULT_CHAIN, null, null, null, null, null, Target.DEFAULT_STORE_QUOTA, true,
                    POLICY_DAYS), TargetOrigin.CONSOLE, "test");
        }
        else {
            administration.setEnabled(TARGET, true, "test");
        }
        proxyCredentials.add(PREFIX, ROTATED_KEY_ID, ROTATED_SECRET);
        kms = KmsClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port + "/sandbox/kms"))
            .region(Region.of(REGION))
            .credentialsProvider(StaticCredentialsProvider
                .create(AwsBasicCredentials.create(SandboxDefaults.ACCESS_KEY_ID, SandboxDefaults.SECRET_ACCESS_KEY)))
            .build();
    }

    @AfterAll
    void closeRegion() {
        administration.setEnabled(TARGET, false, "test");
        proxyCredentials.remove(PREFIX, ROTATED_KEY_ID);
        kms.close();
    }

    /**
     * A DISCONNECTED public external key store on the sandbox proxy, made outside the
     * console.
     */
    @BeforeEach
    void createStore() {
        String name = "ages-" + UUID.randomUUID().toString().substring(0, 8);
        // CreateCustomKeyStore calls the sandbox proxy within KMS's 250 ms budget: on a
        // busy test machine the first call can miss it, so retry until a deadline.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (store == null) {
            try {
                store = new KeyStoreRef(target, kms
                    .createCustomKeyStore(r -> r.customKeyStoreName(name)
                        .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
                        .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
                        .xksProxyUriEndpoint("https://xks-public.sandbox.example.com")
                        .xksProxyUriPath("/tenant-b/kms/xks/v1")
                        .xksProxyAuthenticationCredential(c -> c.accessKeyId(SeededKeyStores.TENANT_B_KEY)
                            .rawSecretAccessKey(SeededKeyStores.TENANT_B_SECRET)))
                    .customKeyStoreId());
            }
            catch (XksProxyUriUnreachableException slow) {
                if (Instant.now().isAfter(deadline)) {
                    throw slow;
                }
            }
        }
    }

    @AfterEach
    void deleteStore() {
        kms.deleteCustomKeyStore(r -> r.customKeyStoreId(store.keyStoreId()));
        store = null;
        reads.forgetSnapshot(target);
    }

    /** A fresh Describe of the target, as a page view after the snapshot's 3 seconds. */
    private void describe() {
        reads.forgetSnapshot(target);
        reads.list(target);
    }

    private ProxyCredentialChange last() {
        return ages.last(store).orElseThrow();
    }

    private UpdateOutcome apply(XksChange change) {
        CustomKeyStore loaded = reads.find(store).store();
        UpdateCommand command;
        if (preflight.target(loaded, change).isPresent()) {
            var result = preflight.check(loaded, change, null);
            command = new UpdateCommand(store, loaded, change, "credential age test", "admin", null,
                    PreflightClearance.decide(result, "credential age test: a DISCONNECTED store").orElseThrow());
        }
        else {
            command = new UpdateCommand(store, loaded, change, "credential age test", "admin");
        }
        return changes.apply(command);
    }

    private String storePage() {
        var http = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        var page = http.get("/t/" + TARGET.value() + "/key-stores/" + store.keyStoreId());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    @Test
    void aStoreFirstSeenByADescribeHasAnUnknownAge() {
        describe();

        assertThat(last())
            .isEqualTo(new ProxyCredentialChange(store, SeededKeyStores.TENANT_B_KEY, null, Source.OBSERVED));
        assertThat(ages.age(store).policyDays()).as("the target's policy").isEqualTo(POLICY_DAYS);
        assertThat(storePage()).contains("id=\"proxy-credential\"")
            .contains("data-credential-age>unknown: not changed through the console since it was first seen (policy "
                    + POLICY_DAYS + " days)</dd>")
            .contains("href=\"/t/ages-ca/key-stores/" + store.keyStoreId() + "/rotations/new\">Rotate now</a>");
    }

    @Test
    void anUpdateThroughTheConsoleThatSetsTheCredentialRecordsWhenItSucceeded() {
        describe();
        CustomKeyStore loaded = reads.find(store).store();

        Instant before = Instant.now();
        apply(XksChange.between(loaded, null, null, null, null, null, null, ROTATED_KEY_ID, ROTATED_SECRET));
        Instant after = Instant.now();

        ProxyCredentialChange changed = last();
        assertThat(changed.source()).isEqualTo(Source.CONSOLE);
        assertThat(changed.accessKeyId()).isEqualTo(ROTATED_KEY_ID);
        assertThat(changed.changedAt()).isBetween(before, after);
        describe();
        assertThat(last()).as("the Describe showing the console's change is no outside change").isEqualTo(changed);
        assertThat(storePage()).contains("data-credential-age>0 days (policy " + POLICY_DAYS + " days)</dd>")
            .contains("<code>" + ROTATED_KEY_ID + "</code>");
    }

    @Test
    void anUpdateWithoutACredentialRecordsNoChange() {
        describe();
        CustomKeyStore loaded = reads.find(store).store();

        apply(XksChange.between(loaded, loaded.name() + "-renamed", null, null, null, null, null, null, null));
        describe();

        assertThat(last())
            .isEqualTo(new ProxyCredentialChange(store, SeededKeyStores.TENANT_B_KEY, null, Source.OBSERVED));
    }

    @Test
    void aStoreCreatedThroughTheConsoleHasItsCredentialsAgeFromTheCreate() {
        // Another proxy path than the test's own store: KMS refuses a second store on
        // one.
        var wanted = new NewXksStore(target, "ages-created-" + UUID.randomUUID().toString().substring(0, 8),
                XksConnectivity.PUBLIC_ENDPOINT, "https://xks-public.sandbox.example.com", "/tenant-a/kms/xks/v1", null,
                null, new XksCredential(SeededKeyStores.TENANT_A_KEY, Secret.of(SeededKeyStores.TENANT_A_SECRET)));
        var clearance = PreflightClearance.decide(creation.healthCheck(wanted), "credential age test").orElseThrow();

        Instant before = Instant.now();
        var created = creation.createXks(wanted, "admin", clearance, null).ref();
        Instant after = Instant.now();
        try {
            describe();
            var recorded = ages.last(created).orElseThrow();
            assertThat(recorded.source()).isEqualTo(Source.CONSOLE);
            assertThat(recorded.accessKeyId()).isEqualTo(SeededKeyStores.TENANT_A_KEY);
            assertThat(recorded.changedAt()).isBetween(before, after);
        }
        finally {
            kms.deleteCustomKeyStore(r -> r.customKeyStoreId(created.keyStoreId()));
        }
    }

    @Test
    void aCredentialChangedOutsideTheConsoleIsRecordedWhenADescribeFirstShowsIt() {
        describe();
        kms.updateCustomKeyStore(r -> r.customKeyStoreId(store.keyStoreId())
            .xksProxyAuthenticationCredential(c -> c.accessKeyId(ROTATED_KEY_ID).rawSecretAccessKey(ROTATED_SECRET)));
        Instant before = Instant.now();

        describe();

        ProxyCredentialChange seen = last();
        assertThat(seen.source()).isEqualTo(Source.OBSERVED);
        assertThat(seen.accessKeyId()).isEqualTo(ROTATED_KEY_ID);
        assertThat(seen.changedAt()).isBetween(before, Instant.now());
        assertThat(storePage())
            .contains("data-credential-age>changed outside the console, first seen 0 days ago (policy " + POLICY_DAYS
                    + " days)</dd>");
    }

}
