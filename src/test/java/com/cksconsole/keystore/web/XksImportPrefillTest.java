package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.proxyconfig.ProxyConfigurationSource.Origin;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;
import com.cksconsole.proxyconfig.ProxyConfigurationValues;

/**
 * Which values of a proxy configuration go into the XKS form in which connection state,
 * and the summary.
 */
class XksImportPrefillTest {

    private static final UpdatePolicy POLICY = new UpdatePolicy(false);

    private static final String SECRET = "d9QTdb+yi54cbjlWgXHHt0YnG5ha4BGbVXXfZy9iTVs";

    private static final ProxyConfigurationValues EVERYTHING = new ProxyConfigurationValues("/tenant-z/kms/xks/v1",
            "EZCOJCBEUDBISVFZ6XJ6", SECRET, "https://xks.example.test", XksConnectivity.VPC_ENDPOINT_SERVICE,
            TestKeyStores.VPC_SERVICE);

    private static final ProxyConfigurationValues PATH_AND_CREDENTIAL = new ProxyConfigurationValues(
            "/tenant-z/kms/xks/v1", "EZCOJCBEUDBISVFZ6XJ6", SECRET, null, null, null);

    @Test
    void aConnectedStoreTakesEveryValueAsTypingWouldAndTheReviewOffersTheGuidedChange() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);

        var prefill = XksImportPrefill.of(XksUpdateForm.of(store), store, EVERYTHING, POLICY);

        assertThat(prefill.form().xksProxyUriPath()).isEqualTo("/tenant-z/kms/xks/v1");
        assertThat(prefill.form().credential().accessKeyId()).isEqualTo("EZCOJCBEUDBISVFZ6XJ6");
        assertThat(prefill.form().xksProxyUriEndpoint()).isEqualTo("https://xks.example.test");
        assertThat(prefill.form().xksProxyConnectivity()).isEqualTo("VPC_ENDPOINT_SERVICE");
        assertThat(prefill.form().xksProxyVpcEndpointServiceName()).isEqualTo(TestKeyStores.VPC_SERVICE);
        assertThat(prefill.credentialApplied()).isTrue();
        assertThat(prefill.importedFields()).containsExactlyInAnyOrder(XksUpdateForm.ENDPOINT, XksUpdateForm.PATH,
                XksUpdateForm.CONNECTIVITY, XksUpdateForm.SERVICE_NAME, XksUpdateForm.ACCESS_KEY_ID,
                XksUpdateForm.SECRET);
        assertThat(prefill.notApplied()).isEmpty();
    }

    @Test
    void aValueEqualToTheCurrentOneIsFilledInButNotMarkedAsFromTheFile() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        var sameLocation = new ProxyConfigurationValues("/tenant-a/kms/xks/v1", "EZCOJCBEUDBISVFZ6XJ6", SECRET,
                "https://xks-public.sandbox.example.com", XksConnectivity.PUBLIC_ENDPOINT, null);
        var typed = new XksUpdateForm(store.name(), "https://typed.example.test", "/typed/kms/xks/v1",
                "PUBLIC_ENDPOINT", null, null, new XksCredentialForm("SANDBOXTENANTAKEYID234", null),
                store.fingerprint());

        var prefill = XksImportPrefill.of(typed, store, sameLocation, POLICY);

        assertThat(prefill.notApplied()).isEmpty();
        assertThat(prefill.form().xksProxyUriEndpoint()).isEqualTo("https://xks-public.sandbox.example.com");
        assertThat(prefill.form().xksProxyUriPath()).isEqualTo("/tenant-a/kms/xks/v1");
        assertThat(prefill.importedFields()).containsExactlyInAnyOrder(XksUpdateForm.ACCESS_KEY_ID,
                XksUpdateForm.SECRET);
        assertThat(prefill.sameAsNow()).containsExactly("proxy URI endpoint", "proxy URI path", "proxy connectivity");
        assertThat(prefill.applied()).containsExactly("access key ID", "secret access key");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ConnectionState.class, names = { "CONNECTING", "DISCONNECTING", "FAILED" })
    void aStateInWhichNothingCanChangeTakesNoValueOfTheFile(ConnectionState state) {
        var store = TestKeyStores.xksPublic(state);

        var prefill = XksImportPrefill.of(XksUpdateForm.of(store), store, EVERYTHING, POLICY);

        assertThat(prefill.applied()).isEmpty();
        assertThat(prefill.credentialApplied()).isFalse();
        assertThat(prefill.notApplied()).hasSize(5)
            .allSatisfy(sentence -> assertThat(sentence).contains("the key store is " + state.name()));
    }

    @Test
    void aDisconnectedStoreTakesEveryValue() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);

        var prefill = XksImportPrefill.of(XksUpdateForm.of(store), store, EVERYTHING, POLICY);

        assertThat(prefill.form().xksProxyUriEndpoint()).isEqualTo("https://xks.example.test");
        assertThat(prefill.form().xksProxyConnectivity()).isEqualTo("VPC_ENDPOINT_SERVICE");
        assertThat(prefill.form().xksProxyVpcEndpointServiceName()).isEqualTo(TestKeyStores.VPC_SERVICE);
        assertThat(prefill.notApplied()).isEmpty();
        assertThat(prefill.applied()).containsExactly("proxy URI endpoint", "proxy URI path", "proxy connectivity",
                "VPC endpoint service name", "access key ID", "secret access key");
        assertThat(prefill.leftAsTheyWere()).containsExactly("name", "VPC endpoint service owner");
    }

    @Test
    void aFailedStoreTakesNothingAndNeverTheCredential() {
        var store = TestKeyStores.xksPublic(ConnectionState.FAILED);

        var prefill = XksImportPrefill.of(XksUpdateForm.of(store), store, PATH_AND_CREDENTIAL, POLICY);

        assertThat(prefill.credentialApplied()).isFalse();
        assertThat(prefill.applied()).isEmpty();
        assertThat(prefill.form()).isEqualTo(XksUpdateForm.of(store));
        assertThat(prefill.notApplied()).hasSize(2)
            .allSatisfy(sentence -> assertThat(sentence).contains("the key store is FAILED, and KMS accepts a new")
                .doesNotContain(SECRET));
    }

    @Test
    void whatTheFileDoesNotCarryKeepsTheOperatorsInputAndAnyTypedSecretIsDropped() {
        var store = TestKeyStores.xksVpc(ConnectionState.DISCONNECTED);
        var typed = new XksUpdateForm("typed-name", null, null, null, null, "444455556666",
                new XksCredentialForm("TYPEDKEYIDABCDEFGHIJ", "typed-secret-typed-secret-typed-secret-typed"),
                store.fingerprint());

        var prefill = XksImportPrefill.of(typed, store, PATH_AND_CREDENTIAL, POLICY);

        assertThat(prefill.form().newCustomKeyStoreName()).isEqualTo("typed-name");
        assertThat(prefill.form().xksProxyVpcEndpointServiceOwner()).isEqualTo("444455556666");
        assertThat(prefill.form().fingerprint()).isEqualTo(store.fingerprint());
        assertThat(prefill.form().credential().accessKeyId()).isEqualTo("EZCOJCBEUDBISVFZ6XJ6");
        assertThat(prefill.form().credential().rawSecretAccessKey()).isNull();
        assertThat(prefill.leftAsTheyWere()).containsExactly("name", "proxy URI endpoint", "proxy connectivity",
                "VPC endpoint service name", "VPC endpoint service owner");
    }

    @Test
    void theSummaryNamesSizeAndTheFirstTwelveHexDigitsOfTheHash() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        var prefill = XksImportPrefill.of(XksUpdateForm.of(store), store, PATH_AND_CREDENTIAL, POLICY);
        var source = new ProxyConfigurationSource(Origin.UPLOADED_FILE, "proxy.json", 1_312,
                "0123456789abcdef".repeat(4));

        var summary = ImportSummary.of(source, prefill, java.util.List.of("Comment was ignored."));

        assertThat(summary.sentence()).isEqualTo("Imported from proxy.json (1,312 bytes, SHA-256 0123456789ab…):"
                + " proxy URI path, access key ID, secret access key; left as they were: name, proxy URI endpoint,"
                + " proxy connectivity, VPC endpoint service name, VPC endpoint service owner.");
        var failed = TestKeyStores.xksPublic(ConnectionState.FAILED);
        var same = XksImportPrefill.of(XksUpdateForm.of(failed), failed,
                new ProxyConfigurationValues("/tenant-a/kms/xks/v1", "EZCOJCBEUDBISVFZ6XJ6", SECRET, null, null, null),
                POLICY);
        assertThat(ImportSummary.of(source, same, java.util.List.of()).sentence())
            .startsWith("Imported from proxy.json (1,312 bytes, SHA-256 0123456789ab…): nothing new; the same as now:"
                    + " proxy URI path; left as they were:");
        assertThat(summary.warnings()).containsExactly("Comment was ignored.");
        assertThat(new ProxyConfigurationSource(Origin.PASTED_TEXT, "pasted text", 1, "ab").size()).isEqualTo("1 byte");
    }

    @Test
    void theLimitsReadAsThePageSaysThem() {
        assertThat(new ImportLimits(65_536, Duration.ofMinutes(10)).maxSize()).isEqualTo("64 KiB");
        assertThat(new ImportLimits(65_537, Duration.ofMinutes(10)).maxSize()).isEqualTo("65,537 bytes");
        assertThat(new ImportLimits(1, Duration.ofMinutes(10)).secretLifetime()).isEqualTo("10 minutes");
        assertThat(new ImportLimits(1, Duration.ofMinutes(1)).secretLifetime()).isEqualTo("1 minute");
        assertThat(new ImportLimits(1, Duration.ofSeconds(90)).secretLifetime()).isEqualTo("90 seconds");
    }

}
