package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.cksconsole.support.ConsoleApplicationTest;

/**
 * Every handler mapping of the application, checked for every role and for anonymous
 * visitors against an explicit table. A new endpoint fails
 * {@link #everyEndpointIsClassified()} until it is added to the table, so nothing ships
 * unclassified.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
class AuthorizationMatrixTest {

    /**
     * Who may call an endpoint. Roles include those the hierarchy grants (ADMIN >
     * OPERATOR > VIEWER, ADMIN > AUDITOR).
     */
    enum Access {

        /** Anyone, signed in or not. */
        PUBLIC(Set.of("ANONYMOUS", "VIEWER", "OPERATOR", "AUDITOR", "ADMIN")),
        /**
         * Machine endpoints of the sandbox: no console session at all, SigV4 decides
         * (tested elsewhere).
         */
        SIGV4(Set.of("ANONYMOUS", "VIEWER", "OPERATOR", "AUDITOR", "ADMIN")),
        SIGNED_IN(Set.of("VIEWER", "OPERATOR", "AUDITOR", "ADMIN")), VIEWER(Set.of("VIEWER", "OPERATOR", "ADMIN")),
        OPERATOR(Set.of("OPERATOR", "ADMIN")), AUDITOR(Set.of("AUDITOR", "ADMIN")), ADMIN(Set.of("ADMIN"));

        final Set<String> allowed;

        Access(Set<String> allowed) {
            this.allowed = allowed;
        }

    }

    private static final List<String> CALLERS = List.of("ANONYMOUS", "VIEWER", "OPERATOR", "AUDITOR", "ADMIN");

    /** The expected table: "METHOD pattern" -> who may call it. */
    static final Map<String, Access> EXPECTED = Map.ofEntries(Map.entry("GET /login", Access.PUBLIC),
            // Single sign-on: a provider button's first stop (404 for a provider not
            // configured) and the page explaining a refused sign-in.
            Map.entry("GET /sso/{provider}", Access.PUBLIC), Map.entry("GET /sso/refused", Access.PUBLIC),
            Map.entry("ANY /error", Access.PUBLIC), Map.entry("GET /", Access.SIGNED_IN),
            Map.entry("GET /account/password", Access.SIGNED_IN), Map.entry("POST /account/password", Access.SIGNED_IN),
            Map.entry("GET /key-stores", Access.VIEWER), Map.entry("GET /t/{target}/key-stores", Access.VIEWER),
            // The single-target console's addresses, redirected to the target's.
            Map.entry("GET /key-stores/{id}", Access.VIEWER), Map.entry("GET /key-stores/{id}/**", Access.VIEWER),
            Map.entry("GET /t/{target}/key-stores/{id}", Access.VIEWER),
            Map.entry("GET /t/{target}/key-stores/{id}/edit", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/edit/cloudhsm", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/edit/xks", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/edit/import", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/edit/discard-secret", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/edit/cancel", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/review/{token}", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/review/{token}", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/review/{token}/cancel", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/review/{token}/preflight", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/review/{token}/guided", Access.OPERATOR),
            // Two-person approval of an update (docs/approvals.md).
            Map.entry("POST /t/{target}/key-stores/{id}/review/{token}/request-approval", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/review/approved/{requestId}", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/review/approved/{requestId}", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/state", Access.VIEWER),
            Map.entry("GET /t/{target}/key-stores/new/xks", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/new/xks/{draft}/name", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/new/xks/{draft}/connectivity", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/new/xks/{draft}/proxy", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/new/xks/{draft}/preflight", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/new/xks/{draft}/review", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/xks/{draft}/name", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/xks/{draft}/connectivity", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/xks/{draft}/proxy", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/xks/{draft}/proxy/import", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/xks/{draft}/preflight", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/xks/{draft}/create", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/xks/{draft}/cancel", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/xks/{draft}/request-approval", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/new/cloudhsm", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/new/cloudhsm/{draft}/name", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/new/cloudhsm/{draft}/cluster", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/new/cloudhsm/{draft}/trust-anchor", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/new/cloudhsm/{draft}/password", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/new/cloudhsm/{draft}/review", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/cloudhsm/{draft}/name", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/cloudhsm/{draft}/cluster", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/cloudhsm/{draft}/trust-anchor", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/cloudhsm/{draft}/password", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/cloudhsm/{draft}/create", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/cloudhsm/{draft}/cancel", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/cloudhsm/{draft}/request-approval", Access.OPERATOR),
            // An approved create (docs/approvals.md).
            Map.entry("GET /t/{target}/key-stores/new/approved/{requestId}", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/new/approved/{requestId}", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/connect", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/connect", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/disconnect", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/disconnect", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/delete", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/delete", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/connect/request-approval", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/disconnect/request-approval", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/delete/request-approval", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/connect/approved/{requestId}", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/connect/approved/{requestId}", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/disconnect/approved/{requestId}", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/disconnect/approved/{requestId}", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/delete/approved/{requestId}", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/delete/approved/{requestId}", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/runs/{runId}", Access.VIEWER),
            Map.entry("GET /t/{target}/key-stores/{id}/runs/{runId}/progress", Access.VIEWER),
            Map.entry("POST /t/{target}/key-stores/{id}/runs/{runId}/cancel", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/runs/{runId}/leave-disconnected", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/runs/{runId}/secret", Access.OPERATOR),
            // The KMS keys of a store (keys module): viewing needs the view right, every
            // change (and the pages preparing one) the change right on the target.
            Map.entry("GET /t/{target}/key-stores/{id}/keys", Access.VIEWER),
            Map.entry("GET /t/{target}/key-stores/{id}/keys/{keyId}", Access.VIEWER),
            Map.entry("GET /t/{target}/key-stores/{id}/keys/new", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/keys", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/keys/{keyId}/round-trip", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/keys/{keyId}/disable", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/keys/{keyId}/disable", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/keys/{keyId}/enable", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/keys/{keyId}/enable", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/keys/{keyId}/schedule-deletion", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/keys/{keyId}/schedule-deletion", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/keys/{keyId}/schedule-deletion/request-approval",
                    Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/keys/{keyId}/schedule-deletion/approved/{requestId}",
                    Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/keys/{keyId}/schedule-deletion/approved/{requestId}",
                    Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/keys/{keyId}/cancel-deletion", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/keys/{keyId}/cancel-deletion", Access.OPERATOR),
            // Health (health.web): the dashboard of every visible target, a store's
            // health page and CSVs with the view right, its monitoring credential with
            // the change right on the target.
            Map.entry("GET /health", Access.VIEWER), Map.entry("GET /t/{target}/key-stores/{id}/health", Access.VIEWER),
            Map.entry("GET /t/{target}/key-stores/{id}/health.csv", Access.VIEWER),
            Map.entry("POST /t/{target}/key-stores/{id}/health/credential", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/health/credential/remove", Access.OPERATOR),
            // Credential rotation: the start page prepares a change; the run page is a
            // view.
            Map.entry("GET /t/{target}/key-stores/{id}/rotations/new", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/rotations", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/rotations/request-approval", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/rotations/approved/{requestId}", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/rotations/approved/{requestId}", Access.OPERATOR),
            Map.entry("GET /t/{target}/key-stores/{id}/rotations/{runId}", Access.VIEWER),
            Map.entry("POST /t/{target}/key-stores/{id}/rotations/{runId}/configuration", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/rotations/{runId}/installed", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/rotations/{runId}/cancel", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/rotations/{runId}/watch-again", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/rotations/{runId}/leave-both-active", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/rotations/{runId}/secret", Access.OPERATOR),
            Map.entry("POST /t/{target}/key-stores/{id}/rotations/{runId}/retire", Access.OPERATOR),
            // Approvals: the requests of every visible target, one request with the view
            // right on its target, the answers with the change right there; the policies
            // and break-glass grants are ADMIN's.
            Map.entry("GET /approvals", Access.VIEWER), Map.entry("GET /t/{target}/approvals/{id}", Access.VIEWER),
            Map.entry("POST /t/{target}/approvals/{id}/approve", Access.OPERATOR),
            Map.entry("POST /t/{target}/approvals/{id}/reject", Access.OPERATOR),
            Map.entry("POST /t/{target}/approvals/{id}/withdraw", Access.OPERATOR),
            Map.entry("GET /approval-policies", Access.ADMIN), Map.entry("POST /approval-policies", Access.ADMIN),
            Map.entry("POST /approval-policies/{id}/delete", Access.ADMIN),
            Map.entry("POST /approval-policies/break-glass", Access.ADMIN),
            Map.entry("POST /approval-policies/break-glass/{username}/revoke", Access.ADMIN),
            Map.entry("GET /users", Access.ADMIN), Map.entry("GET /users/new", Access.ADMIN),
            Map.entry("POST /users", Access.ADMIN), Map.entry("GET /users/{username}", Access.ADMIN),
            Map.entry("POST /users/{username}/roles", Access.ADMIN),
            Map.entry("POST /users/{username}/disable", Access.ADMIN),
            Map.entry("POST /users/{username}/enable", Access.ADMIN),
            Map.entry("POST /users/{username}/password", Access.ADMIN),
            Map.entry("POST /users/{username}/grants", Access.ADMIN),
            Map.entry("POST /users/{username}/grants/{target}/revoke", Access.ADMIN),
            // Single sign-on group mappings (docs/sso.md).
            Map.entry("GET /users/group-mappings", Access.ADMIN), Map.entry("POST /users/group-mappings", Access.ADMIN),
            Map.entry("POST /users/group-mappings/{id}/remove", Access.ADMIN), Map.entry("GET /targets", Access.ADMIN),
            Map.entry("GET /targets/new", Access.ADMIN), Map.entry("POST /targets", Access.ADMIN),
            Map.entry("GET /targets/{name}", Access.ADMIN), Map.entry("GET /targets/{name}/edit", Access.ADMIN),
            Map.entry("POST /targets/{name}", Access.ADMIN), Map.entry("POST /targets/{name}/check", Access.ADMIN),
            Map.entry("POST /targets/{name}/disable", Access.ADMIN),
            Map.entry("POST /targets/{name}/enable", Access.ADMIN), Map.entry("GET /audit", Access.AUDITOR),
            Map.entry("GET /audit/{eventId}", Access.AUDITOR),
            Map.entry("POST /audit/{eventId}/secret-check", Access.AUDITOR),
            Map.entry("GET /audit/verify", Access.AUDITOR), Map.entry("POST /audit/verify", Access.AUDITOR),
            Map.entry("POST /audit/checkpoint", Access.AUDITOR), Map.entry("GET /audit/checkpoint-key", Access.AUDITOR),
            Map.entry("GET /audit/export", Access.AUDITOR), Map.entry("POST /sandbox/kms", Access.SIGV4),
            Map.entry("POST /sandbox/kms/", Access.SIGV4), Map.entry("POST /sandbox/sts", Access.SIGV4),
            Map.entry("POST /sandbox/sts/", Access.SIGV4), Map.entry("POST /sandbox/cloudhsmv2", Access.SIGV4),
            Map.entry("POST /sandbox/cloudhsmv2/", Access.SIGV4),
            // The simulated clusters' trust anchors: fake, public certificates for
            // sandbox users of the AWS CLI.
            Map.entry("GET /sandbox/cloudhsm/{clusterId}/customerCA.crt", Access.PUBLIC));

    /**
     * Endpoints outside the annotated controllers (actuator, functional routes), listed
     * by hand.
     */
    private static final Map<String, Access> OTHER_ENDPOINTS = Map.ofEntries(
            Map.entry("GET /actuator/health", Access.PUBLIC), Map.entry("GET /actuator/info", Access.ADMIN),
            Map.entry("GET /actuator/metrics", Access.ADMIN), Map.entry("GET /actuator/prometheus", Access.ADMIN),
            Map.entry("POST /sandbox/xks-proxy/kms/xks/v1/health", Access.SIGV4),
            // The sandbox settings (functional routes): ADMIN only.
            Map.entry("GET /sandbox-settings/xks-proxy", Access.ADMIN),
            Map.entry("POST /sandbox-settings/xks-proxy/behaviour", Access.ADMIN),
            Map.entry("POST /sandbox-settings/xks-proxy/credentials", Access.ADMIN),
            Map.entry("POST /sandbox-settings/xks-proxy/credentials/upload", Access.ADMIN),
            Map.entry("POST /sandbox-settings/kms/faults", Access.ADMIN));

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    private Set<String> endpoints() {
        var endpoints = new TreeSet<String>();
        handlerMapping.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    endpoints.add("ANY " + pattern);
                }
                methods.forEach(m -> endpoints.add(m.name() + " " + pattern));
            }
        });
        return endpoints;
    }

    @Test
    void everyEndpointIsClassified() {
        var endpoints = endpoints();
        assertThat(endpoints).as("endpoints without an expected access in the table: classify them")
            .isSubsetOf(EXPECTED.keySet());
        assertThat(EXPECTED.keySet()).as("table rows without an endpoint: remove them").isSubsetOf(endpoints);
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEachCallerAsTheTableSays() {
        var all = new java.util.TreeMap<String, Access>(EXPECTED);
        all.putAll(OTHER_ENDPOINTS);
        List<DynamicTest> tests = new ArrayList<>();
        all.forEach((endpoint, access) -> {
            for (String caller : CALLERS) {
                tests.add(DynamicTest.dynamicTest(endpoint + " as " + caller, () -> check(endpoint, access, caller)));
            }
        });
        return tests.stream();
    }

    private void check(String endpoint, Access access, String caller) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = sample(endpoint.substring(endpoint.indexOf(' ') + 1));
        var request = "POST".equals(method) ? mvc.post().uri(path).with(csrf()) : mvc.get().uri(path);
        if (!"ANONYMOUS".equals(caller)) {
            request = request.with(user("matrix-" + caller.toLowerCase()).roles(caller));
        }
        MvcTestResult result = request.exchange();
        int status = result.getResponse().getStatus();
        Optional<String> location = Optional.ofNullable(result.getResponse().getRedirectedUrl());
        boolean sentToSignIn = location.filter(l -> l.endsWith("/login")).isPresent();
        if (access == Access.SIGV4) {
            // No console session decides here: the endpoint itself refuses the unsigned
            // request in its protocol.
            assertThat(sentToSignIn).as("%s must not ask to sign in", endpoint).isFalse();
            // KMS and the XKS proxy answer in JSON, STS (Query protocol) in XML.
            assertThat(result.getResponse().getContentType()).as("%s answers in its own protocol", endpoint)
                .containsAnyOf("json", "xml");
            assertThat(status).as("%s refuses an unsigned request", endpoint).isBetween(400, 499);
        }
        else if (access.allowed.contains(caller)) {
            assertThat(status).as("%s as %s must not be refused", endpoint, caller).isNotIn(401, 403);
            assertThat(sentToSignIn).as("%s as %s must not ask to sign in", endpoint, caller).isFalse();
        }
        else if ("ANONYMOUS".equals(caller)) {
            assertThat(sentToSignIn).as("%s anonymously must ask to sign in (status %s)", endpoint, status).isTrue();
        }
        else {
            assertThat(status).as("%s as %s must be forbidden", endpoint, caller).isEqualTo(403);
        }
    }

    /** Fills path variables with values of the right shape. */
    private static String sample(String pattern) {
        Matcher matcher = VARIABLE.matcher(pattern);
        var result = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "id" -> "cks-0123456789abcdef0";
                case "target" -> "default";
                case "username" -> "matrix-target";
                case "name" -> "matrix-target";
                case "eventId" -> "00000000-0000-4000-8000-000000000000";
                default -> "sample";
            };
            matcher.appendReplacement(result, value);
        }
        matcher.appendTail(result);
        return result.toString();
    }

}
