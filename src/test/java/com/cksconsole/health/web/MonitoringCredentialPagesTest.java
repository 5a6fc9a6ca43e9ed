package com.cksconsole.health.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.cksconsole.health.credentials.KmsCredentialReusedException;
import com.cksconsole.health.credentials.MonitoringCredential;
import com.cksconsole.health.credentials.StoredCredential;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.support.TestTargets;

/**
 * The monitoring credential section of an external store's health page: what it shows
 * (never the secret), the form's rules and errors, who may set and remove it, CSRF.
 */
class MonitoringCredentialPagesTest extends HealthWebSliceTest {

    private static final String XKS = TestKeyStores.XKS_PUBLIC_ID;

    private static final String ACCESS_KEY_ID = "MONITORINGKEYID234567";

    private static final String SECRET = "c2VjcmV0LW1vbml0b3JpbmctY3JlZGVudGlhbC0xMjM0NTY=";

    private static final String SET = healthPath(XKS) + "/credential";

    private static final String REMOVE = healthPath(XKS) + "/credential/remove";

    @Test
    void theStoredCredentialShowsItsAccessKeyIdAndWhoSetItWhen() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        given(credentials.stored(TestTargets.ref(XKS)))
            .willReturn(Optional.of(new StoredCredential(TestTargets.ref(XKS), ACCESS_KEY_ID,
                    Instant.parse("2026-02-20T08:30:00Z"), "olivia")));
        assertThat(mvc.get().uri(healthPath(XKS)).with(operator())).hasStatusOk()
            .bodyText()
            .contains("data-credential-id>" + ACCESS_KEY_ID + "</dd>")
            .contains("2026-02-20 08:30 UTC")
            .contains("<strong>olivia</strong>")
            .contains("Replace the monitoring credential")
            .contains("data-remove-credential");
        then(credentials).should(never()).find(any());
    }

    @Test
    void aViewerSeesTheCredentialButNoForm() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        assertThat(mvc.get().uri(healthPath(XKS)).with(viewer())).hasStatusOk()
            .bodyText()
            .contains("data-no-credential")
            .doesNotContain("data-credential-form");
    }

    @Test
    void anOperatorSetsTheCredentialAndComesBackToThePage() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        assertThat(set(operator(), ACCESS_KEY_ID, SECRET)).hasStatus3xxRedirection()
            .hasRedirectedUrl(healthPath(XKS) + "#monitoring-credential")
            .flash()
            .containsEntry("success", StoreHealthController.CREDENTIAL_SET);
        var stored = ArgumentCaptor.forClass(MonitoringCredential.class);
        then(credentials).should().put(eq(TestTargets.ref(XKS)), stored.capture(), eq("olivia"));
        assertThat(stored.getValue().accessKeyId()).isEqualTo(ACCESS_KEY_ID);
        assertThat(stored.getValue().secretAccessKey().reveal()).isEqualTo(SECRET);
    }

    @Test
    void anAdminMaySetItToo() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        assertThat(set(admin(), ACCESS_KEY_ID, SECRET)).hasStatus3xxRedirection();
        then(credentials).should().put(eq(TestTargets.ref(XKS)), any(), eq("ada"));
    }

    @Test
    void aViewerOrAuditorMayNeitherSetNorRemoveIt() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        for (RequestPostProcessor user : new RequestPostProcessor[] { viewer(), auditor() }) {
            assertThat(set(user, ACCESS_KEY_ID, SECRET)).hasStatus(403);
            assertThat(mvc.post().uri(REMOVE).with(user).with(csrf())).hasStatus(403);
        }
        then(credentials).should(never()).put(any(), any(), anyString());
        then(credentials).should(never()).remove(any(), anyString());
    }

    @Test
    void withoutACsrfTokenNothingIsChanged() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        assertThat(mvc.post()
            .uri(SET)
            .with(operator())
            .param("accessKeyId", ACCESS_KEY_ID)
            .param("secretAccessKey", SECRET)).hasStatus(403);
        assertThat(mvc.post().uri(REMOVE).with(operator())).hasStatus(403);
        then(credentials).should(never()).put(any(), any(), anyString());
        then(credentials).should(never()).remove(any(), anyString());
    }

    @ParameterizedTest
    @CsvSource({ "MONITORINGKEYID2345, too short", "MONITORINGKEYID2345678901234567, too long",
            "MONITORINGKEYID234561, digit 1 is not base32", "monitoringkeyid234567, lower case", "'', empty" })
    void aWrongAccessKeyIdIsRefusedNextToItsFieldAndTheSecretIsNotEchoed(String accessKeyId, String why) {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        var body = assertThat(set(operator(), accessKeyId, SECRET)).hasStatusOk()
            .hasViewName(StorePage.VIEW)
            .bodyText();
        body.contains("id=\"accessKeyId-error\"")
            .contains(CredentialForm.ACCESS_KEY_ID_RULE)
            .doesNotContain("secretAccessKey-error")
            .doesNotContain(SECRET);
        then(credentials).should(never()).put(any(), any(), anyString());
    }

    @ParameterizedTest
    @CsvSource({ "c2VjcmV0LW1vbml0b3JpbmctY3JlZGVudGlhbC0xMj, 42 characters",
            "c2VjcmV0LW1vbml0b3JpbmctY3JlZGVudGlhbC0xMjM0NTY3ODkwYWJjZGVmZ2hpamts, 65 characters",
            "c2VjcmV0LW1vbml0b3JpbmctY3JlZGVudGlhbC0xMjM0NTY*, a star" })
    void aWrongSecretIsRefusedAndNeitherEchoedNorKeptWhileTheAccessKeyIdIs(String secret, String why) {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        assertThat(set(operator(), ACCESS_KEY_ID, secret)).hasStatusOk()
            .bodyText()
            .contains("id=\"secretAccessKey-error\"")
            .contains(CredentialForm.SECRET_RULE)
            .contains("value=\"" + ACCESS_KEY_ID + "\"")
            .containsPattern("type=\"password\" id=\"secretAccessKey\" name=\"secretAccessKey\"\\s+value=\"\"")
            .doesNotContain(secret);
    }

    @Test
    void theSecretIsNotEchoedWhenTheAccessKeyIdIsWrong() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        assertThat(set(operator(), "WRONG", SECRET)).hasStatusOk()
            .bodyText()
            .contains("value=\"WRONG\"")
            .doesNotContain(SECRET);
    }

    @Test
    void theAccessKeyIdKmsUsesIsRefusedNextToTheAccessKeyIdField() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        willThrow(KmsCredentialReusedException.class).given(credentials).put(any(), any(), anyString());
        assertThat(set(operator(), ACCESS_KEY_ID, SECRET)).hasStatusOk()
            .bodyText()
            .contains("id=\"accessKeyId-error\"")
            .contains(StoreHealthController.KMS_CREDENTIAL)
            .contains("value=\"" + ACCESS_KEY_ID + "\"")
            .doesNotContain(SECRET);
    }

    @Test
    void anOperatorRemovesTheCredential() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        given(credentials.remove(TestTargets.ref(XKS), "olivia")).willReturn(true);
        assertThat(mvc.post().uri(REMOVE).with(operator()).with(csrf())).hasStatus3xxRedirection()
            .hasRedirectedUrl(healthPath(XKS) + "#monitoring-credential")
            .flash()
            .containsEntry("success", StoreHealthController.CREDENTIAL_REMOVED);
    }

    @Test
    void removingAMissingCredentialSaysSo() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        assertThat(mvc.post().uri(REMOVE).with(operator()).with(csrf())).hasStatus3xxRedirection()
            .flash()
            .containsEntry("success", StoreHealthController.NO_CREDENTIAL_TO_REMOVE);
    }

    @Test
    void aCloudHsmStoreHasNoMonitoringCredential() {
        known(TestKeyStores.cloudHsm(ConnectionState.CONNECTED));
        assertThat(mvc.post()
            .uri(healthPath(TestKeyStores.HSM_ID) + "/credential")
            .with(operator())
            .with(csrf())
            .param("accessKeyId", ACCESS_KEY_ID)
            .param("secretAccessKey", SECRET)).hasStatus3xxRedirection()
            .flash()
            .containsEntry("failure", StoreHealthController.NOT_EXTERNAL);
        then(credentials).should(never()).put(any(), any(), anyString());
    }

    private org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder set(
            RequestPostProcessor user, String accessKeyId, String secret) {
        return mvc.post()
            .uri(SET)
            .with(user)
            .with(csrf())
            .param("accessKeyId", accessKeyId)
            .param("secretAccessKey", secret);
    }

}
