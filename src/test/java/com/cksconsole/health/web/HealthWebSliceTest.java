package com.cksconsole.health.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.cksconsole.health.FleetHealth;
import com.cksconsole.health.HealthHistory;
import com.cksconsole.health.HealthWindow;
import com.cksconsole.health.credentials.MonitoringCredentials;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KeyStoreSnapshot;
import com.cksconsole.keystore.KeyStoreView;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.ProxyCredentialAge;
import com.cksconsole.keystore.ProxyCredentialAges;
import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.support.GlobalRoleTargetPermissions;
import com.cksconsole.support.TestTargets;
import com.cksconsole.targets.TargetPermissions;

/**
 * Base of the health page slice tests: the health controllers, their helpers and
 * templates, with what the probes recorded mocked ({@link FleetHealth},
 * {@link HealthHistory}) and the monitoring credentials mocked. One configuration for
 * every subclass, so Spring caches one context.
 */
@WebMvcTest(controllers = { StoreHealthController.class, HealthDashboardController.class })
@Import({ StorePage.class, FixLinks.class, LevelText.class, HealthWebSliceTest.Beans.class })
abstract class HealthWebSliceTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    KeyStoreReads reads;

    @MockitoBean
    FleetHealth fleet;

    @MockitoBean
    HealthHistory histories;

    @MockitoBean
    MonitoringCredentials credentials;

    @MockitoBean
    ProxyCredentialAges credentialAges;

    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        TargetPermissions targetPermissions() {
            return new GlobalRoleTargetPermissions();
        }

        @Bean
        com.cksconsole.security.HeaderMenu headerMenu() {
            return com.cksconsole.security.SliceHeaderMenu.create();
        }

        @Bean
        KmsTargets kmsTargets() {
            return TestTargets.kmsTargets();
        }

    }

    @BeforeEach
    void nothingRecorded() {
        given(fleet.of(any(KeyStoreRef.class))).willReturn(Optional.empty());
        given(fleet.of(anyCollection())).willReturn(List.of());
        given(histories.history(any(), any()))
            .willAnswer(call -> HealthHistories.empty(call.getArgument(0), call.getArgument(1, HealthWindow.class)));
        given(credentials.stored(any())).willReturn(Optional.empty());
        given(credentialAges.age(any()))
            .willAnswer(call -> new ProxyCredentialAge(call.getArgument(0), null, 90, HealthHistories.NOW));
        given(credentialAges.ages(anyCollection())).willReturn(Map.of());
    }

    /** Makes the mocked reads know these stores (as one current snapshot). */
    void known(CustomKeyStore... stores) {
        var read = new SnapshotRead(new KeyStoreSnapshot(TestTargets.SANDBOX, List.of(stores), HealthHistories.NOW),
                null, Duration.ZERO);
        for (var store : stores) {
            given(reads.find(TestTargets.ref(store.id()))).willReturn(new KeyStoreView(store, read));
        }
    }

    static String healthPath(String id) {
        return "/t/default/key-stores/" + id + "/health";
    }

    static RequestPostProcessor viewer() {
        return user("viewer").roles("VIEWER");
    }

    static RequestPostProcessor operator() {
        return user("olivia").roles("OPERATOR");
    }

    static RequestPostProcessor admin() {
        return user("ada").roles("ADMIN");
    }

    static RequestPostProcessor auditor() {
        return user("audrey").roles("AUDITOR");
    }

}
