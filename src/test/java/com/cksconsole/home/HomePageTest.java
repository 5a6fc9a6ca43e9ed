package com.cksconsole.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.home.Overview.Attention;
import com.cksconsole.home.Overview.Count;
import com.cksconsole.home.Overview.Reason;
import com.cksconsole.home.Overview.StoreLine;
import com.cksconsole.keystore.KeyStoreSnapshot;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.KmsProperties;
import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.support.GlobalRoleTargetPermissions;
import com.cksconsole.support.TestTargets;
import com.cksconsole.targets.TargetPermissions;
import com.cksconsole.keystore.KeyStoreAuditAction;

/**
 * The overview page as rendered: each part, each reason with where its fix is, and a
 * failing part in its place.
 */
@WebMvcTest(HomeController.class)
class HomePageTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String STORE = TestKeyStores.HSM_ID;

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KmsProperties.class)
    static class Beans {

        /** As the security configuration defines it. */
        @Bean
        RoleHierarchy roleHierarchy() {
            return RoleHierarchyImpl.withDefaultRolePrefix()
                .role("ADMIN")
                .implies("OPERATOR", "AUDITOR")
                .role("OPERATOR")
                .implies("VIEWER")
                .build();
        }

        /**
         * The layout asks it whether to link the key stores; as the security module says
         * from roles.
         */
        /** The layout's header menu, from the console's role hierarchy. */
        @Bean
        com.cksconsole.security.HeaderMenu headerMenu() {
            return com.cksconsole.security.SliceHeaderMenu.create();
        }

        @Bean
        TargetPermissions targetPermissions() {
            return new GlobalRoleTargetPermissions();
        }

    }

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    DashboardService dashboard;

    private static Attention item(Reason reason, String title, String href, String action, String audit) {
        return new Attention(reason, STORE, title, "Detail of " + title + ".", href, "Open " + reason, action,
                action == null ? null : "Do " + reason, audit);
    }

    private static Overview overview(List<Attention> attention, boolean kmsFails) {
        var store = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);
        var change = AuditEntries.entry(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, STORE, store.name(), "alice",
                NOW.minusSeconds(60), AuditOutcome.SUCCEEDED,
                AuditParameter.changed("CustomKeyStoreName", "payments-old", "payments-hsm-dr"));
        var snapshot = new SnapshotRead(new KeyStoreSnapshot(TestTargets.SANDBOX, List.of(store), NOW), null,
                Duration.ZERO);
        return new Overview(true, kmsFails ? null : snapshot, null,
                kmsFails ? new KmsFailure(KmsFailureKind.THROTTLED, "ThrottlingException", "req-77") : null,
                kmsFails ? List.of()
                        : List.of(
                                new Count("DISCONNECTED", 1, "/key-stores?state=DISCONNECTED",
                                        ConnectionState.DISCONNECTED),
                                new Count("FAILED", 0, "/key-stores?state=FAILED", ConnectionState.FAILED)),
                kmsFails ? List.of()
                        : List.of(new Count("CloudHSM key store", 1, "/key-stores?type=AWS_CLOUDHSM", null)),
                attention,
                kmsFails ? List.of() : List.of(new StoreLine(store, change, "/t/default/key-stores/" + store.id())),
                false, false);
    }

    private static List<Attention> everyReason() {
        String page = "/t/default/key-stores/" + STORE;
        return List.of(item(Reason.FAILED, "payments-hsm-dr is FAILED", page, page + "/disconnect", null),
                item(Reason.SLOW_TRANSITION, "payments-hsm-dr has been CONNECTING for 25 minutes", page,
                        page + "/disconnect", null),
                item(Reason.GUIDED_RUN, "A guided change of payments-hsm-dr is under way", page + "/runs/run-1", null,
                        null),
                item(Reason.PENDING_OUTCOME, "Outcome unknown: UpdateCustomKeyStore of payments-hsm-dr", page, null,
                        "/audit/event-1"),
                item(Reason.OUTSIDE_CHANGE, "payments-hsm-dr was changed outside the console",
                        page + "#store-history-title", null, "/audit/event-2"),
                item(Reason.DISCONNECTED, "payments-hsm-dr is DISCONNECTED", page, page + "/connect", null));
    }

    @Test
    void everyReasonShowsWithItsBadgeItsDetailAndTheLinkToWhereItIsFixed() {
        given(dashboard.overview(eq(true), any())).willReturn(overview(everyReason(), false));
        var body = assertThat(mvc.get().uri("/").with(user("olivia").roles("OPERATOR"))).hasStatusOk().bodyText();
        body.contains("Needs attention", "(6)")
            .contains("<span class=\"badge badge--failed\">Failed</span>", "Taking long", "Guided change",
                    "Outcome unknown", "Changed outside", "<span class=\"badge badge--disconnected\">Disconnected")
            .contains("Detail of payments-hsm-dr is FAILED.")
            .contains("<a href=\"/t/default/key-stores/" + STORE + "/runs/run-1\">Open GUIDED_RUN</a>")
            .contains("<a href=\"/t/default/key-stores/" + STORE + "#store-history-title\">Open OUTSIDE_CHANGE</a>")
            .contains("<a href=\"/t/default/key-stores/" + STORE + "/connect\">Do DISCONNECTED</a>")
            .contains("<a href=\"/t/default/key-stores/" + STORE + "/disconnect\">Do FAILED</a>");
        body.as("audit entries are for auditors").doesNotContain("href=\"/audit/event-1\"");
    }

    @Test
    void aViewerGetsWhereTheFixIsButNotTheOperatorsActionsAnAuditorTheAuditEntries() {
        given(dashboard.overview(eq(true), any())).willReturn(overview(everyReason(), false));
        assertThat(mvc.get().uri("/").with(user("victor").roles("VIEWER"))).hasStatusOk()
            .bodyText()
            .contains("Open DISCONNECTED")
            .doesNotContain("Do DISCONNECTED", "Do FAILED", "/audit/event-1");
        assertThat(mvc.get().uri("/").with(user("ada").roles("ADMIN"))).hasStatusOk()
            .bodyText()
            .contains("<a href=\"/audit/event-1\">Audit entry</a>", "<a href=\"/audit/event-2\">Audit entry</a>");
    }

    @Test
    void countsLinkToTheFilteredListAndEachStoreShowsItsLastChange() {
        given(dashboard.overview(eq(true), any())).willReturn(overview(List.of(), false));
        assertThat(mvc.get().uri("/").with(user("victor").roles("VIEWER"))).hasStatusOk()
            .bodyText()
            .contains("href=\"/key-stores?state=DISCONNECTED\"", "<span class=\"count-list__number\">1</span>",
                    "href=\"/key-stores?type=AWS_CLOUDHSM\"")
            .contains("Key stores and their last change", ">payments-hsm-dr</a>", TestKeyStores.HSM_ID,
                    "UpdateCustomKeyStore", "by alice", "payments-old")
            .contains("Nothing needs attention");
    }

    @Test
    void whenKmsCannotBeAskedItsFailureTakesThePlaceOfTheStoresAndTheRestStillShows() {
        given(dashboard.overview(eq(true), any())).willReturn(overview(List.of(everyReason().get(2)), true));
        assertThat(mvc.get().uri("/").with(user("victor").roles("VIEWER"))).hasStatusOk()
            .bodyText()
            .contains("KMS could not be asked for the key stores just now", "<code>ThrottlingException</code>",
                    "<code>req-77</code>")
            .contains("A guided change of payments-hsm-dr is under way")
            .doesNotContain("Key stores by state and type", "Key stores and their last change",
                    "Nothing needs attention");
    }

    @Test
    void anUnreadableAuditLogOrGuidedChangeListIsSaidInItsPlace() {
        var base = overview(List.of(), false);
        given(dashboard.overview(eq(true), any()))
            .willReturn(new Overview(true, base.snapshot(), null, null, base.byState(), base.byType(), List.of(),
                    List.of(new StoreLine(TestKeyStores.cloudHsm(ConnectionState.CONNECTED), null,
                            "/t/default/key-stores/" + TestKeyStores.HSM_ID)),
                    true, true));
        assertThat(mvc.get().uri("/").with(user("victor").roles("VIEWER"))).hasStatusOk()
            .bodyText()
            .contains("The audit log could not be read just now", "The guided changes could not be read just now",
                    "The audit log could not be read</span>")
            .as("no all-clear while a part is missing")
            .doesNotContain("Nothing needs attention");
    }

    @Test
    void anAuditorIsToldTheRoleGivesTheAuditLog() {
        given(dashboard.overview(eq(false), any())).willReturn(
                new Overview(false, null, null, null, List.of(), List.of(), List.of(), List.of(), false, false));
        assertThat(mvc.get().uri("/").with(user("audrey").roles("AUDITOR"))).hasStatusOk()
            .bodyText()
            .contains("Your role gives you the audit log")
            .doesNotContain("Key stores by state and type");
    }

    @Test
    void theHeaderNamesTheSandboxAccountAndRegion() {
        given(dashboard.overview(eq(true), any())).willReturn(overview(List.of(), false));
        assertThat(mvc.get().uri("/").with(user("victor").roles("VIEWER"))).hasStatusOk()
            .bodyText()
            .contains("site-context__mode--sandbox\">SANDBOX</span>", "<strong class=\"mono\">111122223333</strong>",
                    "<strong class=\"mono\">us-east-1</strong>");
    }

}
