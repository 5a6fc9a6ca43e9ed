package com.cksconsole.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.context.WebApplicationContext;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditRecordHandle;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTestEvents;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.audit.ChainBreak;
import com.cksconsole.audit.ChainReport;
import com.cksconsole.audit.CheckpointCheck;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.keystore.KeyStoreAuditAction;
import com.cksconsole.audit.AuditLogAction;

/**
 * The audit pages in the whole application: who may see them, search, detail,
 * verification, secret check.
 */
@ConsoleApplicationTest
// Flash attributes are given to a page as DispatcherServlet hands them over (the input
// flash map): MockMvc's
// flashAttr stores them in a MockHttpSession, which Spring Session (sessions in the
// database) never sees.
@AutoConfigureMockMvc
class AuditPagesApplicationTest {

    static final String SECRET = "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditLog auditLog;

    /**
     * An update of a store by {@code actor}, with a replaced secret, as the key store
     * service will record it.
     */
    AuditRecordHandle update(String actor, String storeId) {
        SecurityContextHolder.getContext()
            .setAuthentication(new TestingAuthenticationToken(actor, null, "ROLE_OPERATOR"));
        try {
            return trail.begin(AuditIntent
                .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE,
                        AuditTarget.keyStore("us-east-1", "111122223333", storeId, "ekm-" + storeId))
                .changed("XksProxyUriPath", "/tenant-a/kms/xks/v1", "/tenant-b/kms/xks/v1")
                .with(trail.secretReplaced("XksProxyAuthenticationCredential.RawSecretAccessKey", SECRET))
                .reason("CHG-7781 move to tenant B")
                .build());
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void anonymousVisitorsAreSentToTheSignInPage() {
        assertThat(mvc.get().uri("/audit")).hasStatus3xxRedirection().redirectedUrl().endsWith("/login");
        assertThat(mvc.get().uri("/audit/export?format=csv")).hasStatus3xxRedirection();
    }

    @Test
    void viewersAndOperatorsAreRefusedAndTheRefusalIsRecorded() {
        assertThat(mvc.get().uri("/audit").with(user("nosy-viewer").roles("VIEWER"))).hasStatus(403);
        assertThat(mvc.get().uri("/audit/export?format=jsonl").with(user("nosy-operator").roles("OPERATOR")))
            .hasStatus(403);
        assertThat(mvc.post().uri("/audit/verify").with(csrf()).with(user("nosy-operator").roles("OPERATOR")))
            .hasStatus(403);

        var refusal = AuditTestEvents.of(auditLog, "nosy-viewer", AuditLogAction.ACCESS_DENIED).get(0);
        assertThat(refusal.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(refusal.event().actorRoles()).containsExactly("VIEWER");
        assertThat(refusal.details()).extracting(p -> p.name() + "=" + p.value())
            .containsExactly("method=GET", "path=/audit");
        assertThat(AuditTestEvents.of(auditLog, "nosy-operator", AuditLogAction.ACCESS_DENIED)).hasSize(2);
    }

    @Test
    void auditorsAndAdministratorsSeeTheLog() {
        assertThat(mvc.get().uri("/audit").with(user("auditor").roles("AUDITOR"))).hasStatusOk()
            .bodyText()
            .contains("<h1>Audit log</h1>");
        assertThat(mvc.get().uri("/audit").with(user("admin").roles("ADMIN"))).hasStatusOk();
    }

    @Test
    void theNavigationLinkShowsOnlyForAuditorsAndAdministrators() {
        assertThat(mvc.get().uri("/").with(user("v").roles("VIEWER", "OPERATOR"))).hasStatusOk()
            .bodyText()
            .doesNotContain("href=\"/audit\"");
        assertThat(mvc.get().uri("/").with(user("a").roles("AUDITOR"))).hasStatusOk()
            .bodyText()
            .contains("href=\"/audit\"");
        assertThat(mvc.get().uri("/").with(user("b").roles("ADMIN"))).hasStatusOk()
            .bodyText()
            .contains("href=\"/audit\"");
    }

    @Test
    void aSearchShowsMatchingEntriesAndAnEntryShowsItsChangesButNeverTheSecret() {
        var handle = update("page-operator", "cks-pages-1");
        handle.succeeded("kms-req-5511");

        assertThat(mvc.get().uri("/audit?actor=page-operator&outcome=SUCCEEDED").with(user("auditor").roles("AUDITOR")))
            .hasStatusOk()
            .bodyText()
            .contains("ekm-cks-pages-1", "cks-pages-1", "Succeeded", "/audit/" + handle.eventId())
            .doesNotContain(SECRET);
        assertThat(mvc.get().uri("/audit?actor=page-operator&outcome=FAILED").with(user("auditor").roles("AUDITOR")))
            .hasStatusOk()
            .bodyText()
            .contains("No event matches.");

        assertThat(mvc.get().uri("/audit/" + handle.eventId()).with(user("auditor").roles("AUDITOR"))).hasStatusOk()
            .bodyText()
            .contains("page-operator", "XksProxyUriPath", "/tenant-a/kms/xks/v1", "/tenant-b/kms/xks/v1", "replaced",
                    "hmac-sha256:", "CHG-7781 move to tenant B", "kms-req-5511", "Check a candidate secret")
            .doesNotContain(SECRET, SECRET.substring(0, 12));
    }

    @Test
    void anIntentWithoutOutcomeShowsAsOutcomeUnknown() {
        var handle = update("pending-operator", "cks-pages-2");
        assertThat(
                mvc.get().uri("/audit?outcome=PENDING&actor=pending-operator").with(user("auditor").roles("AUDITOR")))
            .hasStatusOk()
            .bodyText()
            .contains("Outcome unknown", "/audit/" + handle.eventId());
        assertThat(mvc.get().uri("/audit/" + handle.eventId()).with(user("auditor").roles("AUDITOR"))).hasStatusOk()
            .bodyText()
            .contains("its outcome was not recorded");
        handle.failed("XksProxyUriPathInUseException", "In use", "kms-req-2", null);
    }

    /**
     * A guided change's step as its runner records it: in the operator's name, outside
     * any request.
     */
    void backgroundStep(String operator, String storeId, String runId, String step) {
        SecurityContextHolder.getContext()
            .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(operator, null, List.of()));
        try {
            trail.record(AuditIntent
                .of(KeyStoreAuditAction.GUIDED_CHANGE_STEP,
                        AuditTarget.keyStore("us-east-1", "111122223333", storeId, "ekm-" + storeId))
                .value("guidedChange", runId)
                .value("step", step)
                .value("status", "DONE")
                .build(), AuditResult.succeeded());
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aGuidedStepIsNamedItsRunAndStoreAreLinkedAndItsBackgroundActorSaysSo() {
        String runId = "3f1c2a8e-5b7d-4c9a-8e21-0d4b6f9a7c13";
        backgroundStep("step-admin", "cks-pages-7", runId, "WAIT_FOR_DISCONNECTED");

        assertThat(mvc.get().uri("/audit?store=cks-pages-7").with(user("admin").roles("ADMIN"))).hasStatusOk()
            .bodyText()
            .contains("step-admin (guided change)", "Guided change step: Wait for DISCONNECTED", "(Done)",
                    "ekm-cks-pages-7", "href=\"/key-stores/cks-pages-7?account=",
                    "href=\"/key-stores/cks-pages-7/runs/" + runId + "?account=");
        assertThat(mvc.get().uri("/audit?store=cks-pages-7").with(user("auditor").roles("AUDITOR")))
            .as("an auditor who cannot open key stores gets the IDs without links")
            .hasStatusOk()
            .bodyText()
            .contains("cks-pages-7", runId)
            .doesNotContain("href=\"/key-stores/cks-pages-7");
    }

    @Test
    void aStepInARequestKeepsItsActorAsItIsAndAnEventWithoutAStoreNameSaysSo() {
        SecurityContextHolder.getContext()
            .setAuthentication(new TestingAuthenticationToken("request-operator", null, "ROLE_OPERATOR"));
        try {
            trail.record(AuditIntent
                .of(KeyStoreAuditAction.DISCONNECT_CUSTOM_KEY_STORE,
                        AuditTarget.keyStore("us-east-1", "111122223333", "cks-pages-8", null))
                .build(), AuditResult.succeeded());
        }
        finally {
            SecurityContextHolder.clearContext();
        }
        assertThat(mvc.get().uri("/audit?store=cks-pages-8").with(user("admin").roles("ADMIN"))).hasStatusOk()
            .bodyText()
            .contains(">request-operator<", "Name not recorded", "cks-pages-8")
            .doesNotContain("request-operator (guided change)");
    }

    @Test
    void anUnknownOrMalformedEventIdIsNotFound() {
        assertThat(mvc.get().uri("/audit/00000000-0000-4000-8000-000000000000").with(user("auditor").roles("AUDITOR")))
            .hasStatus(404);
        assertThat(mvc.get().uri("/audit/not-an-id").with(user("auditor").roles("AUDITOR"))).hasStatus(404);
    }

    @Test
    void aSearchThatCannotBeReadIsRefusedWithEachReasonNextToItsField() {
        assertThat(mvc.get()
            .uri("/audit?from=yesterday&action=DROP_TABLE&outcome=MAYBE")
            .with(user("auditor").roles("AUDITOR"))).hasStatus(400)
            .bodyText()
            .contains("id=\"from-error\">&#39;From&#39; must be a date and time",
                    "id=\"action-error\">“DROP_TABLE” is not an action of the audit log. Choose one from the list.",
                    "id=\"outcome-error\">“MAYBE” is not an outcome. Choose one from the list.",
                    "aria-describedby=\"action-error\"", "The search was not run")
            .doesNotContain("No event matches.");
    }

    @Test
    void anUnknownActionIsRefusedNotShownAsAnyActionWhileFilteringEverythingOut() {
        update("bogus-filter-operator", "cks-pages-6").succeeded("kms-req-6");
        assertThat(mvc.get().uri("/audit?action=BOGUS").with(user("auditor").roles("AUDITOR"))).hasStatus(400)
            .bodyText()
            .contains("“BOGUS” is not an action of the audit log")
            .doesNotContain("cks-pages-6");
        assertThat(mvc.get()
            .uri("/audit?action=UPDATE_CUSTOM_KEY_STORE&actor=bogus-filter-operator")
            .with(user("auditor").roles("AUDITOR"))).as("a known action still filters")
            .hasStatusOk()
            .bodyText()
            .contains("cks-pages-6")
            .doesNotContain("field__error");
    }

    /** An update of a store in another account or Region. */
    void updateIn(String account, String region, String storeId) {
        SecurityContextHolder.getContext()
            .setAuthentication(new TestingAuthenticationToken("target-filter-operator", null, "ROLE_OPERATOR"));
        try {
            trail
                .begin(AuditIntent
                    .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE,
                            AuditTarget.keyStore(region, account, storeId, "ekm-" + storeId))
                    .changed("CustomKeyStoreName", "a", "b")
                    .build())
                .succeeded("kms-" + storeId);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void theSearchFiltersByAccountByRegionAndByBothAndShowsEachRowsTarget() {
        updateIn("210987654321", "eu-west-1", "cks-acct-eu");
        updateIn("210987654321", "ap-southeast-2", "cks-acct-ap");
        updateIn("123456789098", "eu-west-1", "cks-other-eu");
        String base = "/audit?actor=target-filter-operator";

        assertThat(mvc.get().uri(base + "&account=210987654321").with(user("auditor").roles("AUDITOR"))).hasStatusOk()
            .bodyText()
            .contains("cks-acct-eu", "cks-acct-ap", "210987654321 / eu-west-1", "210987654321 / ap-southeast-2",
                    "<option value=\"210987654321\" selected=\"selected\">210987654321</option>",
                    "<option value=\"123456789098\">123456789098</option>")
            .doesNotContain("cks-other-eu");
        assertThat(mvc.get().uri(base + "&region=eu-west-1").with(user("auditor").roles("AUDITOR"))).hasStatusOk()
            .bodyText()
            .contains("cks-acct-eu", "cks-other-eu")
            .doesNotContain("cks-acct-ap");
        assertThat(
                mvc.get().uri(base + "&account=210987654321&region=eu-west-1").with(user("auditor").roles("AUDITOR")))
            .hasStatusOk()
            .bodyText()
            .contains("cks-acct-eu", "account=210987654321&amp;region=eu-west-1")
            .doesNotContain("cks-acct-ap", "cks-other-eu");
        assertThat(
                mvc.get().uri("/audit/export?format=csv&account=123456789098").with(user("auditor").roles("AUDITOR")))
            .as("the export honours the filter")
            .hasStatusOk();
    }

    @Test
    void aMalformedOrUnknownAccountOrRegionIsRefusedNextToItsField() {
        updateIn("210987654321", "eu-west-1", "cks-acct-refused");
        assertThat(
                mvc.get().uri("/audit?account=21098765432x&region=eu-west-99x").with(user("auditor").roles("AUDITOR")))
            .hasStatus(400)
            .bodyText()
            .contains("id=\"account-error\">“21098765432x” is not an AWS account ID (12 digits).",
                    "id=\"region-error\">“eu-west-99x” is not the name of an AWS Region.",
                    "aria-describedby=\"account-error\"", "aria-describedby=\"region-error\"", "The search was not run")
            .doesNotContain("cks-acct-refused");
        assertThat(mvc.get().uri("/audit?account=999999999999").with(user("auditor").roles("AUDITOR"))).hasStatus(400)
            .bodyText()
            .contains("id=\"account-error\">No audit event names the account 999999999999.");
        assertThat(mvc.get().uri("/audit/export?format=csv&region=xx").with(user("auditor").roles("AUDITOR")))
            .hasStatus(400);
    }

    @Test
    void anAuditorConfirmsACandidateSecretAndTheCheckIsRecordedWithoutIt() {
        var handle = update("secret-operator", "cks-pages-3");
        handle.succeeded("kms-req-3");
        String parameter = "XksProxyAuthenticationCredential.RawSecretAccessKey";

        assertThat(mvc.post()
            .uri("/audit/" + handle.eventId() + "/secret-check")
            .with(csrf())
            .with(user("checking-auditor").roles("AUDITOR"))
            .param("parameter", parameter)
            .param("candidate", SECRET)).hasStatus3xxRedirection()
            .flash()
            .containsEntry("success", "The candidate is the value that was set for " + parameter + ".");
        assertThat(mvc.post()
            .uri("/audit/" + handle.eventId() + "/secret-check")
            .with(csrf())
            .with(user("checking-auditor").roles("AUDITOR"))
            .param("parameter", parameter)
            .param("candidate", "Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I=")).hasStatus3xxRedirection()
            .flash()
            .containsEntry("failure", "The candidate is not the value that was set for " + parameter + ".");

        var checks = AuditTestEvents.of(auditLog, "checking-auditor", AuditLogAction.CHECK_SECRET_FINGERPRINT);
        assertThat(checks).hasSize(2);
        assertThat(checks).allSatisfy(
                check -> assertThat(check.event().parameters().toString()).doesNotContain(SECRET, "Mc+9e8GY4mMC"));
        assertThat(checks.get(0).details()).extracting(p -> p.name() + "=" + p.value()).contains("matches=false");
    }

    @Test
    void aSecretCheckWithoutCandidateShowsTheErrorNextToItsFieldAfterTheRedirectAndComparesNothing() {
        var handle = update("blank-operator", "cks-pages-7");
        handle.succeeded("kms-req-7");
        String parameter = "XksProxyAuthenticationCredential.RawSecretAccessKey";
        var refused = mvc.post()
            .uri("/audit/" + handle.eventId() + "/secret-check")
            .with(csrf())
            .with(user("blank-auditor").roles("AUDITOR"))
            .param("parameter", parameter)
            .param("candidate", "")
            .exchange();
        assertThat(refused).hasStatus3xxRedirection()
            .hasRedirectedUrl("/audit/" + handle.eventId())
            .flash()
            .containsKey(BindingResult.MODEL_KEY_PREFIX + SecretCheckForm.NAME)
            .containsEntry(SecretCheckForm.NAME, new SecretCheckForm(parameter, null));
        assertThat(mvc.get()
            .uri("/audit/" + handle.eventId())
            .requestAttr(DispatcherServlet.INPUT_FLASH_MAP_ATTRIBUTE, refused.getMvcResult().getFlashMap())
            .with(user("blank-auditor").roles("AUDITOR"))).hasStatusOk()
            .bodyText()
            .containsPattern("id=\"candidate-error\">\\s*<span class=\"visually-hidden\">Error:</span>\\s*"
                    + "<span>Type the candidate value.</span>")
            .containsPattern("<option value=\"" + Pattern.quote(parameter) + "\"\\s+selected=\"selected\"");
        assertThat(AuditTestEvents.of(auditLog, "blank-auditor", AuditLogAction.CHECK_SECRET_FINGERPRINT))
            .as("nothing was compared")
            .isEmpty();
    }

    @Test
    void aSecretCheckKeepsNoCandidateInTheFlashEvenWhenTheFieldIsMissing() {
        var handle = update("nofield-operator", "cks-pages-8");
        handle.succeeded("kms-req-8");
        var refused = mvc.post()
            .uri("/audit/" + handle.eventId() + "/secret-check")
            .with(csrf())
            .with(user("nofield-auditor").roles("AUDITOR"))
            .param("candidate", SECRET)
            .exchange();
        assertThat(refused).hasStatus3xxRedirection();
        assertThat(refused.getMvcResult().getFlashMap().toString()).doesNotContain(SECRET);
        var errors = (BindingResult) refused.getMvcResult()
            .getFlashMap()
            .get(BindingResult.MODEL_KEY_PREFIX + SecretCheckForm.NAME);
        assertThat(errors.getFieldError("parameter")).isNotNull();
        assertThat(errors.getTarget()).isEqualTo(new SecretCheckForm(null, null));
    }

    @Test
    void anAuditorOverTheSecretCheckLimitGetsA429AndTheRefusalIsRecorded() {
        var handle = update("limit-operator", "cks-pages-6");
        handle.succeeded("kms-req-6");
        String parameter = "XksProxyAuthenticationCredential.RawSecretAccessKey";
        for (int i = 1; i <= 10; i++) {
            assertThat(mvc.post()
                .uri("/audit/" + handle.eventId() + "/secret-check")
                .with(csrf())
                .with(user("limited-auditor").roles("AUDITOR"))
                .param("parameter", parameter)
                .param("candidate", "guess-" + i)).hasStatus3xxRedirection();
        }

        assertThat(mvc.post()
            .uri("/audit/" + handle.eventId() + "/secret-check")
            .with(csrf())
            .with(user("limited-auditor").roles("AUDITOR"))
            .param("parameter", parameter)
            .param("candidate", SECRET)).hasStatus(429)
            .satisfies(result -> assertThat(result.getResponse().getHeader("Retry-After")).matches("[0-9]+"))
            .bodyText()
            .contains("The check was not made: at most 10 secret checks a minute are allowed.",
                    "Check a candidate secret")
            .doesNotContain(SECRET);
        var checks = AuditTestEvents.of(auditLog, "limited-auditor", AuditLogAction.CHECK_SECRET_FINGERPRINT);
        assertThat(checks).hasSize(11);
        assertThat(checks.get(0).outcome()).isEqualTo(AuditOutcome.REJECTED);
    }

    @Test
    void anAuditorSignsACheckpointOnDemandAndTheRequestIsRecorded() {
        update("checkpoint-operator", "cks-pages-7").succeeded("kms-req-7");
        var result = mvc.post()
            .uri("/audit/checkpoint")
            .with(csrf())
            .with(user("signing-auditor").roles("AUDITOR"))
            .exchange();
        assertThat(result).hasStatus3xxRedirection().hasRedirectedUrl("/audit/verify");
        assertThat(result.getMvcResult().getFlashMap().get("success").toString())
            .startsWith("Checkpoint signed: event ");
        var checkpoint = auditLog.latestCheckpoint().orElseThrow();

        assertThat(AuditTestEvents.of(auditLog, "signing-auditor", AuditLogAction.SIGN_AUDIT_CHECKPOINT))
            .singleElement()
            .satisfies(e -> {
                assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
                assertThat(e.details()).extracting(p -> p.name() + "=" + p.value())
                    .contains("hash=" + checkpoint.hash(), "publicKey=" + checkpoint.publicKey());
            });
        assertThat(mvc.get().uri("/audit/verify").with(user("signing-auditor").roles("AUDITOR"))).hasStatusOk()
            .bodyText()
            .contains("Signed checkpoints", auditLog.checkpointPublicKeyFingerprint(), "-----BEGIN PUBLIC KEY-----",
                    "Verify and sign a checkpoint now");
    }

    @Test
    void signingACheckpointNeedsTheAuditorOrAdministratorRoleAndACsrfToken() {
        assertThat(mvc.post().uri("/audit/checkpoint").with(csrf()).with(user("nosy-operator-2").roles("OPERATOR")))
            .hasStatus(403);
        assertThat(mvc.post().uri("/audit/checkpoint").with(user("csrf-less-signer").roles("AUDITOR"))).hasStatus(403);
        assertThat(AuditTestEvents.of(auditLog, "csrf-less-signer", AuditLogAction.SIGN_AUDIT_CHECKPOINT)).isEmpty();
        assertThat(mvc.post().uri("/audit/checkpoint").with(csrf()).with(user("signing-admin").roles("ADMIN")))
            .hasStatus3xxRedirection();
    }

    @Test
    void theReportNamesAForgedEventAndACheckpointThatCannotBeTrusted() {
        var forged = new ChainReport(6, 7, "ab".repeat(32),
                new ChainBreak(7, ChainBreak.Kind.FORGED, "Event 7 was not written by the console."), 0, Instant.now(),
                1, new CheckpointCheck(CheckpointCheck.Status.MATCHES, null, "The chain matches the checkpoint."), 0);
        assertThat(mvc.get()
            .uri("/audit/verify")
            .requestAttr(DispatcherServlet.INPUT_FLASH_MAP_ATTRIBUTE, java.util.Map.of("report", forged))
            .with(user("reading-auditor").roles("AUDITOR"))).hasStatusOk()
            .bodyText()
            .contains("The chain is broken", "at event 7 (FORGED): ", "Event 7 was not written by the console.");

        var untrusted = new ChainReport(7, 7, "ab".repeat(32), null, 0, Instant.now(), 4,
                new CheckpointCheck(CheckpointCheck.Status.INVALID, null,
                        "The last checkpoint is not signed by the " + "checkpoint key."),
                2);
        assertThat(mvc.get()
            .uri("/audit/verify")
            .requestAttr(DispatcherServlet.INPUT_FLASH_MAP_ATTRIBUTE, java.util.Map.of("report", untrusted))
            .with(user("reading-auditor").roles("AUDITOR"))).hasStatusOk()
            .bodyText()
            .contains("The chain cannot be compared with its last checkpoint.", "from event 4 on",
                    "2 of them had been removed from the list of open intents")
            .doesNotContain("The chain is intact.");
    }

    @Test
    void thePublicKeyOfTheCheckpointsIsDownloadable() {
        assertThat(mvc.get().uri("/audit/checkpoint-key").with(user("key-auditor").roles("AUDITOR"))).hasStatusOk()
            .hasHeader("Content-Disposition", "attachment; filename=\"audit-checkpoint-public-key.pem\"")
            .bodyText()
            .isEqualTo(auditLog.checkpointPublicKeyPem())
            .startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(mvc.get().uri("/audit/checkpoint-key").with(user("key-viewer").roles("VIEWER"))).hasStatus(403);
    }

    @Test
    void verificationNeedsACsrfTokenAndARefusalIsRecorded() {
        assertThat(mvc.post().uri("/audit/verify").with(user("csrf-less-auditor").roles("AUDITOR"))).hasStatus(403);
        var refusal = AuditTestEvents.of(auditLog, "csrf-less-auditor", AuditLogAction.ACCESS_DENIED).get(0);
        assertThat(refusal.errorMessage()).contains("CSRF");
        assertThat(AuditTestEvents.of(auditLog, "csrf-less-auditor", AuditLogAction.VERIFY_AUDIT_CHAIN)).isEmpty();
    }

    @Test
    void verificationReportsAnIntactChainAndIsRecorded() {
        update("verify-operator", "cks-pages-4").succeeded("kms-req-4");
        var result = mvc.post()
            .uri("/audit/verify")
            .with(csrf())
            .with(user("verifying-admin").roles("ADMIN"))
            .exchange();
        assertThat(result).hasStatus3xxRedirection().hasRedirectedUrl("/audit/verify");
        var report = (com.cksconsole.audit.ChainReport) result.getMvcResult().getFlashMap().get("report");
        assertThat(report.intact()).isTrue();
        assertThat(report.checked()).isEqualTo(report.headSeq()).isPositive();

        assertThat(mvc.get()
            .uri("/audit/verify")
            .requestAttr(DispatcherServlet.INPUT_FLASH_MAP_ATTRIBUTE, java.util.Map.of("report", report))
            .with(user("verifying-admin").roles("ADMIN"))).hasStatusOk()
            .bodyText()
            .contains("The chain is intact.", report.headHash());
        assertThat(AuditTestEvents.of(auditLog, "verifying-admin", AuditLogAction.VERIFY_AUDIT_CHAIN)).singleElement()
            .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCEEDED));
    }

    @Test
    void aKeyStoresChangeHistoryFragmentShowsWhoChangedWhatButNoFingerprintOutsideTheAuditPages() {
        update("history-operator", "cks-pages-5").succeeded("kms-req-h");
        var history = auditLog.changeHistory("cks-pages-5", 20);
        assertThat(history).hasSize(1);

        String forOperator = renderStoreHistory(history, "ROLE_OPERATOR");
        assertThat(forOperator)
            .contains("Change history", "history-operator", "XksProxyUriPath", "/tenant-a/kms/xks/v1",
                    "/tenant-b/kms/xks/v1", "replaced", "CHG-7781 move to tenant B", "kms-req-h", "Succeeded")
            .doesNotContain("hmac-sha256", SECRET, "/audit/" + history.get(0).event().eventId());
        assertThat(renderStoreHistory(history, "ROLE_AUDITOR")).contains("/audit/" + history.get(0).event().eventId());
        assertThat(renderStoreHistory(List.of(), "ROLE_VIEWER"))
            .contains("No change of this key store has been recorded.");
    }

    @Autowired
    ITemplateEngine templates;

    @Autowired
    ApplicationContext context;

    private String renderStoreHistory(List<?> history, String role) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("reader", null, role));
        try {
            var request = new MockHttpServletRequest();
            // sec:authorize finds the application context (for its expression handler) in
            // the servlet context.
            request.getServletContext()
                .setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
            var exchange = JakartaServletWebApplication.buildApplication(request.getServletContext())
                .buildExchange(request, new MockHttpServletResponse());
            var page = new WebContext(exchange, Locale.UK);
            page.setVariable("storeHistory", history);
            page.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                    new ThymeleafEvaluationContext(context, null));
            return templates.process("audit-test/store-history", page);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

}
