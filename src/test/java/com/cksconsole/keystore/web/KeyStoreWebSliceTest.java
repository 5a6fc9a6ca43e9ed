package com.cksconsole.keystore.web;

import static org.mockito.BDDMockito.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import com.cksconsole.audit.AuditLog;
import com.cksconsole.support.TestTargets;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.cksconsole.keystore.ConnectionTransitions;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreSnapshot;
import com.cksconsole.keystore.KeyStoreView;
import com.cksconsole.kms.KmsMode;
import com.cksconsole.keystore.KmsProperties;
import com.cksconsole.keystore.KeyStoreChanges;
import com.cksconsole.keystore.KeyStoreConnections;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.ProxyCredentialAges;
import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksPreflight;
import com.cksconsole.keystore.guided.GuidedChangeService;
import com.cksconsole.proxyconfig.ProxyConfigurationTestBeans;

/**
 * Base of the key store slice tests: the key store controllers, their helpers and
 * templates, with the service mocked. Every subclass shares this one configuration, so
 * Spring caches one context for all of them.
 */
@WebMvcTest(controllers = { KeyStoreListController.class, KeyStoreDetailController.class, KeyStoreEditController.class,
        KeyStoreReviewController.class, XksImportController.class, KeyStoreConnectionController.class,
        GuidedRunController.class, LeaveWithoutChangeController.class })
@Import({ EditPage.class, CloudHsmUpdateValidator.class, XksUpdateValidator.class, PendingUpdateStore.class,
        ReviewPreflight.class, ReviewApprovals.class, UpdateApprovals.class, ConnectionTransitions.class,
        com.cksconsole.keystore.InMemoryConnectionTransitionRecords.class, KeyStoreFormats.class,
        KeyStoreWebConfiguration.class, XksImports.class, ProxyConfigurationTestBeans.class, KeyImpactModel.class,
        KeyStoreWebSliceTest.Beans.class })
abstract class KeyStoreWebSliceTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    KeyStoreReads reads;

    @MockitoBean
    KeyStoreChanges changes;

    @MockitoBean
    KeyStoreConnections connections;

    @MockitoBean
    GuidedChangeService guidedChanges;

    @MockitoBean
    XksPreflight preflight;

    /** The detail page shows an external key store's credential age; none by default. */
    @MockitoBean
    ProxyCredentialAges credentialAges;

    /** The detail page shows the store's change history from the audit log. */
    @MockitoBean
    AuditLog auditLog;

    /**
     * The connect and disconnect pages ask whether a policy needs approval; none does.
     */
    @MockitoBean
    StoreApprovals approvals;

    /** The review page asks whether a policy covers the change; none does. */
    @MockitoBean
    com.cksconsole.approval.Approvals approvalRules;

    @MockitoBean
    com.cksconsole.approval.CurrentApprover currentApprover;

    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        UpdatePolicy updatePolicy() {
            return new UpdatePolicy(false);
        }

        /** Global roles only, as the {@code security} module answers without grants. */
        @Bean
        com.cksconsole.targets.TargetPermissions targetPermissions() {
            return new com.cksconsole.support.GlobalRoleTargetPermissions();
        }

        /** The layout's header menu, from the console's role hierarchy. */
        @Bean
        com.cksconsole.security.HeaderMenu headerMenu() {
            return com.cksconsole.security.SliceHeaderMenu.create();
        }

        @Bean
        KmsTargets kmsTargets() {
            return TestTargets.kmsTargets();
        }

        /** The browser's half of the vault's key, sent back as a browser would. */
        @Bean
        org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer browserCookies() {
            return com.cksconsole.support.SessionVaultFixture.browserCookies();
        }

    }

    /** Makes the mocked service know these stores (as one current snapshot). */
    void known(CustomKeyStore... stores) {
        var read = new SnapshotRead(new KeyStoreSnapshot(TestTargets.SANDBOX, List.of(stores), NOW), null,
                Duration.ZERO);
        given(reads.list(TestTargets.SANDBOX)).willReturn(read);
        for (var store : stores) {
            given(reads.find(TestTargets.ref(store.id()))).willReturn(new KeyStoreView(store, read));
        }
    }

}
