package com.cksconsole.keystore.web;

import static com.cksconsole.kms.ConnectionState.CONNECTED;
import static com.cksconsole.kms.ConnectionState.DISCONNECTED;
import static com.cksconsole.kms.ConnectionState.FAILED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.validation.BeanPropertyBindingResult;

import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.UpdatePolicy;

/**
 * The state rules of the CloudHSM form, including the rename setting (KMS API Reference,
 * UpdateCustomKeyStore (NewCustomKeyStoreName)).
 */
class CloudHsmUpdateValidatorTest {

    @Test
    void aPasswordChangeOfADisconnectedStoreIsAccepted() {
        var store = TestKeyStores.cloudHsm(DISCONNECTED);
        var form = new CloudHsmUpdateForm(store.name(), "PaymentsDr77", store.cloudHsmClusterId(), store.fingerprint());
        var errors = new BeanPropertyBindingResult(form, "cloudHsmForm");
        var change = new CloudHsmUpdateValidator(new UpdatePolicy(false)).validate(form, store, errors);
        assertThat(errors.getAllErrors()).isEmpty();
        assertThat(change.get().properties()).containsExactly(UpdatableProperty.KEY_STORE_PASSWORD);
    }

    @Test
    void aPasswordChangeOfAConnectedStoreGoesOnToReviewForAGuidedChange() {
        var store = TestKeyStores.cloudHsm(CONNECTED);
        var form = new CloudHsmUpdateForm(null, "PaymentsDr77", null, store.fingerprint());
        var errors = new BeanPropertyBindingResult(form, "cloudHsmForm");
        var change = new CloudHsmUpdateValidator(new UpdatePolicy(true)).validate(form, store, errors);
        assertThat(errors.getAllErrors()).isEmpty();
        assertThat(new UpdatePolicy(true).needsGuidedChange(store, change.orElseThrow())).isTrue();
    }

    @Test
    void aPasswordChangeOfAFailedStoreIsRefused() {
        var store = TestKeyStores.cloudHsm(FAILED);
        var form = new CloudHsmUpdateForm(null, "PaymentsDr77", null, store.fingerprint());
        var errors = new BeanPropertyBindingResult(form, "cloudHsmForm");
        assertThat(new CloudHsmUpdateValidator(new UpdatePolicy(true)).validate(form, store, errors)).isEmpty();
        assertThat(errors.getFieldError(CloudHsmUpdateForm.PASSWORD).getDefaultMessage())
            .contains("only while the key store is DISCONNECTED, and it is FAILED now");
    }

    @Test
    void aRenameOfAConnectedStoreNeedsAGuidedChangeByDefault() {
        var store = TestKeyStores.cloudHsm(CONNECTED);
        var form = new CloudHsmUpdateForm("renamed", null, null, store.fingerprint());
        var errors = new BeanPropertyBindingResult(form, "cloudHsmForm");
        var change = new CloudHsmUpdateValidator(new UpdatePolicy(false)).validate(form, store, errors);
        assertThat(errors.getAllErrors()).isEmpty();
        assertThat(new UpdatePolicy(false).needsGuidedChange(store, change.orElseThrow())).isTrue();
    }

    @Test
    void aRenameOfAConnectedStoreIsAcceptedWhenTheSettingAllowsIt() {
        var store = TestKeyStores.cloudHsm(CONNECTED);
        var form = new CloudHsmUpdateForm("renamed", null, null, store.fingerprint());
        var errors = new BeanPropertyBindingResult(form, "cloudHsmForm");
        assertThat(new CloudHsmUpdateValidator(new UpdatePolicy(true)).validate(form, store, errors)).isPresent();
        assertThat(errors.getAllErrors()).isEmpty();
    }

    @Test
    void aFormWithoutChangeIsRefused() {
        var store = TestKeyStores.cloudHsm(DISCONNECTED);
        var form = CloudHsmUpdateForm.of(store);
        var errors = new BeanPropertyBindingResult(form, "cloudHsmForm");
        assertThat(new CloudHsmUpdateValidator(new UpdatePolicy(false)).validate(form, store, errors)).isEmpty();
        assertThat(errors.getGlobalError().getDefaultMessage()).isEqualTo(CloudHsmUpdateValidator.NO_CHANGE);
    }

}
