package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreInvalidStateException;
import software.amazon.awssdk.services.kms.model.KmsInternalException;
import software.amazon.awssdk.services.kms.model.XksProxyIncorrectAuthenticationCredentialException;

import com.cksconsole.sandbox.SandboxSettings;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * KMS faults injected into the sandbox answer through the AWS SDK as KMS would (error
 * type, HTTP status), exactly as often as asked, only for the store asked, before the
 * sandbox changes anything; only errors the KMS API Reference lists for the operation can
 * be injected.
 */
@ExtendWith(OutputCaptureExtension.class)
class SandboxKmsFaultsTest extends SandboxKmsTestSupport {

    @Autowired
    SandboxKmsFaults faults;

    @AfterEach
    void clearFaults() {
        faults.clear();
    }

    @Test
    void anInjectedUpdateFaultAnswersExactlyTimesTimesAndLeavesTheStoreUnchanged(CapturedOutput output) {
        String id = createPublicXks("f-update");
        faults.inject("UpdateCustomKeyStore", id, "XksProxyIncorrectAuthenticationCredentialException", 2);

        for (int call = 0; call < 2; call++) {
            var error = kmsError(
                    () -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)
                        .newCustomKeyStoreName("f-update-renamed")
                        .xksProxyAuthenticationCredential(TENANT_B)),
                    "XksProxyIncorrectAuthenticationCredentialException", 400);
            assertThat(error).isInstanceOf(XksProxyIncorrectAuthenticationCredentialException.class);
            assertThat(describe(id).customKeyStoreName()).isEqualTo("f-update");
        }

        kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).newCustomKeyStoreName("f-update-renamed"));
        assertThat(describe(id).customKeyStoreName()).isEqualTo("f-update-renamed");
        assertThat(faults.pending()).isEmpty();
        assertThat(output.getAll()).contains("fault injected", "injected fault consumed",
                "XksProxyIncorrectAuthenticationCredentialException");
    }

    @Test
    void anInternalErrorIsA500() {
        String id = createPublicXks("f-internal");
        faults.inject("UpdateCustomKeyStore", id, "KMSInternalException", 1);

        var error = kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).newCustomKeyStoreName("x")),
                "KMSInternalException", 500);

        assertThat(error).isInstanceOf(KmsInternalException.class);
        assertThat(describe(id).customKeyStoreName()).isEqualTo("f-internal");
    }

    @Test
    void aFaultForAnotherKeyStoreDoesNotFire() {
        String target = createPublicXks("f-target");
        String other = createCloudHsm("f-other");
        faults.inject("UpdateCustomKeyStore", target, "CustomKeyStoreInvalidStateException", 1);

        kms.updateCustomKeyStore(b -> b.customKeyStoreId(other).newCustomKeyStoreName("f-other-renamed"));

        assertThat(describe(other).customKeyStoreName()).isEqualTo("f-other-renamed");
        assertThat(faults.pending()).singleElement().satisfies(pending -> {
            assertThat(pending.keyStoreId()).isEqualTo(target);
            assertThat(pending.remaining()).isEqualTo(1);
        });
    }

    @Test
    void anInjectedConnectFaultLeavesTheStoreDisconnected() {
        String id = createCloudHsm("f-connect");
        faults.inject("ConnectCustomKeyStore", id, "CustomKeyStoreInvalidStateException", 1);

        var error = kmsError(() -> kms.connectCustomKeyStore(b -> b.customKeyStoreId(id)),
                "CustomKeyStoreInvalidStateException", 400);

        assertThat(error).isInstanceOf(CustomKeyStoreInvalidStateException.class);
        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);
    }

    @Test
    void onlyTheErrorsTheKmsApiReferenceListsForTheOperationCanBeInjected() {
        assertThatThrownBy(() -> faults.inject("UpdateCustomKeyStore", null, "InvalidMarkerException", 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.inject("UpdateCustomKeyStore", null, "DependencyTimeoutException", 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.inject("Encrypt", null, "KMSInternalException", 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.inject("UpdateCustomKeyStore", null, "KMSInternalException", 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.inject("UpdateCustomKeyStore", null, "KMSInternalException", 11))
            .isInstanceOf(IllegalArgumentException.class);
        faults.inject("UpdateCustomKeyStore", null, "KMSInternalException", 10);
        assertThat(faults.pending()).hasSize(1);
    }

    @Test
    void anAdministratorInjectsThroughTheSettingAndAnErrorTheOperationDoesNotListIsA400() {
        var admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        admin.get("/");
        String path = SandboxKmsSettingsRoutes.FAULTS_PATH;

        var wrongError = admin.postForm(path,
                Map.of("operation", "UpdateCustomKeyStore", "error", "InvalidMarkerException", "times", "1"));
        var wrongTimes = admin.postForm(path,
                Map.of("operation", "UpdateCustomKeyStore", "error", "KMSInternalException", "times", "11"));
        assertThat(wrongError.statusCode()).isEqualTo(400);
        assertThat(wrongError.body()).contains("lists no error 'InvalidMarkerException' for UpdateCustomKeyStore");
        assertThat(wrongTimes.statusCode()).isEqualTo(400);
        assertThat(faults.pending()).isEmpty();

        var injected = admin.postForm(path, Map.of("from", "page", "operation", "DescribeCustomKeyStores",
                "key-store-id", "cks-0123456789abcdef0", "error", "KMSInternalException", "times", "3"));
        assertThat(injected.statusCode()).isEqualTo(303);
        assertThat(faults.pending()).singleElement().satisfies(pending -> {
            assertThat(pending.operation()).isEqualTo("DescribeCustomKeyStores");
            assertThat(pending.remaining()).isEqualTo(3);
            assertThat(pending.httpStatus()).isEqualTo(500);
        });
        assertThat(admin.get(SandboxSettings.PAGE).body()).contains("data-pending-fault", "cks-0123456789abcdef0");

        var cleared = admin.postForm(path, Map.of("action", "clear"));
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(faults.pending()).isEmpty();
    }

    @Test
    void concurrentCallsConsumeAnInjectionExactlyTimesTimes() throws Exception {
        var own = new SandboxKmsFaults();
        own.inject("DescribeCustomKeyStores", "cks-concurrent", "KMSInternalException", 10);
        var pool = Executors.newFixedThreadPool(8);
        try {
            var calls = new ArrayList<Callable<Boolean>>();
            for (int i = 0; i < 40; i++) {
                calls.add(() -> own.consume("DescribeCustomKeyStores", "cks-concurrent").isPresent());
            }
            long answered = 0;
            for (Future<Boolean> result : pool.invokeAll(calls)) {
                answered += result.get() ? 1 : 0;
            }
            assertThat(answered).isEqualTo(10);
            assertThat(own.pending()).isEmpty();
        }
        finally {
            pool.shutdownNow();
        }
    }

}
