package com.cksconsole.keystore.web;

import static com.cksconsole.kms.ConnectionState.CONNECTED;
import static com.cksconsole.kms.ConnectionState.CONNECTING;
import static com.cksconsole.kms.ConnectionState.DISCONNECTED;
import static com.cksconsole.kms.ConnectionState.FAILED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.kms.XksConnectivity;

/**
 * The cross-field and state rules of the external key store form (KMS API Reference,
 * UpdateCustomKeyStore).
 */
class XksUpdateValidatorTest {

    private static final String SECRET = "Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I=";

    private final XksUpdateValidator validator = new XksUpdateValidator(new UpdatePolicy(false));

    @Test
    void aFormWithoutAnyChangeIsRefusedWithAFriendlyMessage() {
        var store = TestKeyStores.xksPublic(CONNECTED);
        var errors = validate(XksUpdateForm.of(store), store);
        assertThat(errors.getGlobalErrors()).singleElement()
            .extracting(e -> e.getDefaultMessage())
            .isEqualTo(CloudHsmUpdateValidator.NO_CHANGE);
    }

    @Test
    void emptyFieldsMeanUnchanged() {
        var store = TestKeyStores.xksPublic(CONNECTED);
        var form = new XksUpdateForm("renamed", null, null, null, null, null, XksCredentialForm.EMPTY,
                store.fingerprint());
        var errors = new BeanPropertyBindingResult(form, "xksForm");
        var change = validator.validate(form, store, errors);
        assertThat(errors.hasErrors()).isFalse();
        assertThat(change).get().satisfies(c -> assertThat(c.properties()).containsExactly(UpdatableProperty.NAME));
    }

    @Test
    void switchingToAVpcEndpointServiceNeedsANewEndpointAndAServiceName() {
        var store = TestKeyStores.xksPublic(DISCONNECTED);
        var form = change(store,
                f -> new XksUpdateForm(f.newCustomKeyStoreName(), f.xksProxyUriEndpoint(), f.xksProxyUriPath(),
                        "VPC_ENDPOINT_SERVICE", null, null, f.xksProxyAuthenticationCredential(), f.fingerprint()));
        var errors = validate(form, store);
        assertThat(errors.getFieldError(XksUpdateForm.ENDPOINT).getDefaultMessage())
            .startsWith("Switching to a VPC endpoint service needs a new endpoint");
        assertThat(errors.getFieldError(XksUpdateForm.SERVICE_NAME).getDefaultMessage())
            .startsWith("Switching to a VPC endpoint service needs the name");
    }

    @Test
    void switchingToAVpcEndpointServiceWithBothIsAccepted() {
        var store = TestKeyStores.xksPublic(DISCONNECTED);
        var form = change(store,
                f -> new XksUpdateForm(null, "https://xks-private.sandbox.example.com", null, "VPC_ENDPOINT_SERVICE",
                        TestKeyStores.VPC_SERVICE, null, f.xksProxyAuthenticationCredential(), f.fingerprint()));
        var errors = new BeanPropertyBindingResult(form, "xksForm");
        var change = validator.validate(form, store, errors);
        assertThat(errors.getAllErrors()).isEmpty();
        assertThat(change.get().connectivity()).isEqualTo(XksConnectivity.VPC_ENDPOINT_SERVICE);
        assertThat(change.get().vpcEndpointServiceName()).isEqualTo(TestKeyStores.VPC_SERVICE);
    }

    @Test
    void switchingToAPublicEndpointNeedsANewEndpoint() {
        var store = TestKeyStores.xksVpc(DISCONNECTED);
        var form = new XksUpdateForm(null, null, null, "PUBLIC_ENDPOINT", null, null, XksCredentialForm.EMPTY,
                store.fingerprint());
        assertThat(validate(form, store).getFieldError(XksUpdateForm.ENDPOINT).getDefaultMessage())
            .startsWith("Switching to a public endpoint needs a new endpoint");
    }

    @Test
    void switchingToAPublicEndpointClearsTheServiceNameAndOwner() {
        var store = TestKeyStores.xksVpc(DISCONNECTED);
        var prefilled = change(store,
                f -> new XksUpdateForm(null, "https://xks-public.sandbox.example.com", null, "PUBLIC_ENDPOINT",
                        f.xksProxyVpcEndpointServiceName(), f.xksProxyVpcEndpointServiceOwner(),
                        f.xksProxyAuthenticationCredential(), f.fingerprint()));
        var errors = validate(prefilled, store);
        assertThat(errors.getFieldError(XksUpdateForm.SERVICE_NAME).getDefaultMessage())
            .startsWith("A public endpoint has no VPC endpoint service: clear this field.");
        assertThat(errors.getFieldError(XksUpdateForm.SERVICE_OWNER).getDefaultMessage())
            .startsWith("A public endpoint has no VPC endpoint service: clear this field.");

        var cleared = new XksUpdateForm(null, "https://xks-public.sandbox.example.com", null, "PUBLIC_ENDPOINT", null,
                null, XksCredentialForm.EMPTY, store.fingerprint());
        var ok = new BeanPropertyBindingResult(cleared, "xksForm");
        var change = validator.validate(cleared, store, ok);
        assertThat(ok.getAllErrors()).isEmpty();
        assertThat(change.get().vpcEndpointServiceName()).isNull();
    }

    @Test
    void aPublicStoreRefusesAServiceNameWithoutSwitching() {
        var store = TestKeyStores.xksPublic(DISCONNECTED);
        var form = new XksUpdateForm(null, null, null, null, TestKeyStores.VPC_SERVICE, "111122223333",
                XksCredentialForm.EMPTY, store.fingerprint());
        var errors = validate(form, store);
        assertThat(errors.getFieldError(XksUpdateForm.SERVICE_NAME).getDefaultMessage())
            .contains("Switch the connectivity to VPC endpoint service");
        assertThat(errors.getFieldError(XksUpdateForm.SERVICE_OWNER)).isNotNull();
    }

    @Test
    void aSecretWithoutAnAccessKeyIdIsRefused() {
        var store = TestKeyStores.xksPublic(CONNECTED);
        var form = new XksUpdateForm(null, null, null, null, null, null, new XksCredentialForm(null, SECRET),
                store.fingerprint());
        assertThat(validate(form, store).getFieldError(XksUpdateForm.ACCESS_KEY_ID).getDefaultMessage())
            .contains("both parts");
    }

    @Test
    void aNewAccessKeyIdWithoutItsSecretIsRefused() {
        var store = TestKeyStores.xksPublic(CONNECTED);
        var form = new XksUpdateForm(null, null, null, null, null, null,
                new XksCredentialForm("SANDBOXTENANTBKEYID234", null), store.fingerprint());
        var errors = validate(form, store);
        assertThat(errors.getFieldError(XksUpdateForm.SECRET).getDefaultMessage()).contains("both parts");
    }

    @Test
    void bothCredentialPartsTogetherAreAcceptedWhileConnected() {
        var store = TestKeyStores.xksPublic(CONNECTED);
        var form = new XksUpdateForm(null, null, null, null, null, null,
                new XksCredentialForm("SANDBOXTENANTBKEYID234", SECRET), store.fingerprint());
        var errors = new BeanPropertyBindingResult(form, "xksForm");
        var change = validator.validate(form, store, errors);
        assertThat(errors.getAllErrors()).isEmpty();
        assertThat(change.get().credential().accessKeyId()).isEqualTo("SANDBOXTENANTBKEYID234");
    }

    @Test
    void anEndpointChangeWhileConnectedGoesOnToReviewForAGuidedChange() {
        var store = TestKeyStores.xksPublic(CONNECTED);
        var form = change(store,
                f -> new XksUpdateForm(f.newCustomKeyStoreName(), "https://xks-lab.sandbox.example.com",
                        f.xksProxyUriPath(), f.xksProxyConnectivity(), null, null, f.xksProxyAuthenticationCredential(),
                        f.fingerprint()));
        var errors = new BeanPropertyBindingResult(form, "xksForm");
        var change = validator.validate(form, store, errors);
        assertThat(errors.getAllErrors()).isEmpty();
        assertThat(new UpdatePolicy(false).needsGuidedChange(store, change.orElseThrow())).isTrue();
    }

    @Test
    void anEndpointChangeWhileConnectingIsRefusedOnTheField() {
        var store = TestKeyStores.xksPublic(CONNECTING);
        var form = change(store,
                f -> new XksUpdateForm(f.newCustomKeyStoreName(), "https://xks-lab.sandbox.example.com",
                        f.xksProxyUriPath(), f.xksProxyConnectivity(), null, null, f.xksProxyAuthenticationCredential(),
                        f.fingerprint()));
        assertThat(validate(form, store).getFieldError(XksUpdateForm.ENDPOINT).getDefaultMessage())
            .contains("only while the key store is DISCONNECTED, and it is CONNECTING now");
    }

    @Test
    void aPathChangeWhileConnectedIsAccepted() {
        var store = TestKeyStores.xksPublic(CONNECTED);
        var form = new XksUpdateForm(null, null, "/tenant-b/kms/xks/v1", null, null, null, XksCredentialForm.EMPTY,
                store.fingerprint());
        var errors = new BeanPropertyBindingResult(form, "xksForm");
        assertThat(validator.validate(form, store, errors)).isPresent();
    }

    @Test
    void evenANameChangeIsRefusedWhileFailed() {
        var store = TestKeyStores.xksPublic(FAILED);
        var form = new XksUpdateForm("renamed", null, null, null, null, null, XksCredentialForm.EMPTY,
                store.fingerprint());
        assertThat(validate(form, store).getFieldError(XksUpdateForm.NAME).getDefaultMessage())
            .contains("it is FAILED now");
    }

    @Test
    void aCredentialRefusalIsShownOnTheSecretField() {
        var store = TestKeyStores.xksPublic(FAILED);
        var form = new XksUpdateForm(null, null, null, null, null, null,
                new XksCredentialForm("SANDBOXTENANTAKEYID234", SECRET), store.fingerprint());
        assertThat(validate(form, store).getFieldError(XksUpdateForm.SECRET).getDefaultMessage())
            .contains("proxy authentication credential")
            .contains("FAILED");
    }

    private BindingResult validate(XksUpdateForm form, CustomKeyStore store) {
        var errors = new BeanPropertyBindingResult(form, "xksForm");
        assertThat(validator.validate(form, store, errors)).isEmpty();
        return errors;
    }

    private static XksUpdateForm change(CustomKeyStore store, java.util.function.UnaryOperator<XksUpdateForm> edit) {
        return edit.apply(XksUpdateForm.of(store));
    }

}
