package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpSession;

import com.cksconsole.support.TestTargets;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KmsConstraints;

/**
 * What the key store pages share ({@link KeyStorePages}, {@link EditedStoreController}):
 * hints quoting the KMS limits from {@link KmsConstraints}, the edited store loaded once
 * before the handler and only after the role check, and each failure mapped to its page
 * only where it belongs.
 */
class KeyStorePagesTest extends KeyStoreWebSliceTest {

    private static final String UNKNOWN = "cks-1234567890abcdef9";

    private final MockHttpSession session = new MockHttpSession();

    @Test
    void theCloudHsmFormsHintsQuoteTheKmsLimits() {
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        known(store);
        assertThat(
                mvc.get().uri("/t/default/key-stores/" + store.id() + "/edit").with(KeyStoreEditPagesTest.operator()))
            .hasStatusOk()
            .bodyText()
            .contains("A new name, " + KmsConstraints.CUSTOM_KEY_STORE_NAME_MIN + " to "
                    + KmsConstraints.CUSTOM_KEY_STORE_NAME_MAX + " characters, unique in this account")
            .contains("the kmsuser crypto user in the cluster, " + KmsConstraints.KEY_STORE_PASSWORD_MIN + " to "
                    + KmsConstraints.KEY_STORE_PASSWORD_MAX + " characters.");
    }

    @Test
    void theXksFormsHintsQuoteTheKmsLimits() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTED);
        known(store);
        assertThat(
                mvc.get().uri("/t/default/key-stores/" + store.id() + "/edit").with(KeyStoreEditPagesTest.operator()))
            .hasStatusOk()
            .bodyText()
            .contains("A new name, " + KmsConstraints.CUSTOM_KEY_STORE_NAME_MIN + " to "
                    + KmsConstraints.CUSTOM_KEY_STORE_NAME_MAX + " characters")
            .contains(KmsConstraints.XKS_ACCESS_KEY_ID_MIN + " to " + KmsConstraints.XKS_ACCESS_KEY_ID_MAX
                    + " characters: capital letters A to Z")
            .contains(KmsConstraints.XKS_RAW_SECRET_ACCESS_KEY_MIN + " to "
                    + KmsConstraints.XKS_RAW_SECRET_ACCESS_KEY_MAX + " characters: letters, digits")
            .contains("The " + KmsConstraints.ACCOUNT_ID_MAX + "-digit AWS account ID");
    }

    @Test
    void theLimitsTheTemplatesReadAreTheKmsConstraints() {
        assertThat(KmsLimits.CURRENT).isEqualTo(new KmsLimits(KmsConstraints.CUSTOM_KEY_STORE_NAME_MIN,
                KmsConstraints.CUSTOM_KEY_STORE_NAME_MAX, KmsConstraints.KEY_STORE_PASSWORD_MIN,
                KmsConstraints.KEY_STORE_PASSWORD_MAX, KmsConstraints.XKS_ACCESS_KEY_ID_MIN,
                KmsConstraints.XKS_ACCESS_KEY_ID_MAX, KmsConstraints.XKS_RAW_SECRET_ACCESS_KEY_MIN,
                KmsConstraints.XKS_RAW_SECRET_ACCESS_KEY_MAX, KmsConstraints.ACCOUNT_ID_MAX));
    }

    @Test
    void theReviewPagesReasonHintsQuoteTheFormsLimit() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        var request = mvc.post()
            .uri("/t/default/key-stores/" + store.id() + "/edit/xks")
            .session(session)
            .with(KeyStoreEditPagesTest.operator())
            .with(csrf());
        FormPosts.xks(store, XksUpdateForm.NAME, "ekm-renamed").forEach(request::param);
        String review = request.exchange().getResponse().getRedirectedUrl();
        assertThat(mvc.get().uri(review).session(session).with(KeyStoreEditPagesTest.operator())).hasStatusOk()
            .bodyText()
            .contains("At most <span>" + ReviewForm.REASON_MAX + "</span> characters.");
    }

    @Test
    void editingAnUnknownStoreIsTheConsoles404Page() {
        given(reads.find(TestTargets.ref(UNKNOWN))).willThrow(new KeyStoreNotFoundException(UNKNOWN));
        assertThat(mvc.get().uri("/t/default/key-stores/" + UNKNOWN + "/edit").with(KeyStoreEditPagesTest.operator()))
            .hasStatus(404)
            .hasViewName(KeyStorePages.NOT_FOUND_VIEW)
            .bodyText()
            .contains(UNKNOWN);
        var importing = mvc.post()
            .uri("/t/default/key-stores/" + UNKNOWN + "/edit/import")
            .with(KeyStoreEditPagesTest.operator())
            .with(csrf())
            .param("then", "edit");
        assertThat(importing).hasStatus(404).hasViewName(KeyStorePages.NOT_FOUND_VIEW);
    }

    @Test
    void aViewerIsRefusedBeforeTheEditedStoreIsRead() {
        assertThat(mvc.get().uri("/t/default/key-stores/" + UNKNOWN + "/edit").with(user("viewer").roles("VIEWER")))
            .hasStatus(403);
        then(reads).should(never()).find(any());
    }

    @Test
    void cancellingAnEditAsksKmsNothing() {
        var cancel = mvc.post()
            .uri("/t/default/key-stores/" + UNKNOWN + "/edit/cancel")
            .with(KeyStoreEditPagesTest.operator())
            .with(csrf());
        assertThat(cancel).hasStatus3xxRedirection()
            .hasRedirectedUrl("/t/default/key-stores/" + UNKNOWN)
            .flash()
            .containsEntry("success", LeaveWithoutChangeController.CANCELLED);
        then(reads).should(never()).find(any());
    }

    @Test
    void aDatabaseFailureOutsideTheReviewIsNotCalledAChangeNotSent() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);
        given(auditLog.changeHistory(any(KeyStoreRef.class), anyInt()))
            .willThrow(new DataAccessResourceFailureException("down"));
        assertThat(mvc.get().uri("/t/default/key-stores/" + store.id()).with(user("viewer").roles("VIEWER")))
            .hasFailed()
            .failure()
            .hasRootCauseInstanceOf(DataAccessResourceFailureException.class);
    }

}
