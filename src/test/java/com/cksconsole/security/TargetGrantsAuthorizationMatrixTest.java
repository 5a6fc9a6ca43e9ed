package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.cksconsole.security.AuthorizationMatrixTest.Access;
import com.cksconsole.support.ConsoleApplicationTest;

/**
 * The authorization matrix with roles per target: every key store endpoint of one target
 * ({@code /t/{target}/...}), for users whose rights come from grants, checked on the
 * target of their grant and on another one, next to the global roles.
 *
 * <p>
 * The endpoints are those of {@link AuthorizationMatrixTest}'s table under
 * {@code /t/{target}}, and every key store endpoint of the table moved under it (its
 * {@code /key-stores/...} form), each with the access the table gives it: VIEWER pages
 * need a view right on the target, OPERATOR pages (every change and the GET pages that
 * prepare one) a change right. A request an allowed caller makes must not be refused (it
 * may be a 404 where no page is mapped yet); a refused one is a 403. A GET of a
 * change-preparing page passes the URL rule with a view right and is refused by the
 * page's own check, so where no such page is mapped it cannot be refused and a 404 is
 * accepted.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
class TargetGrantsAuthorizationMatrixTest {

    private static final String PROD = "prod-eu";

    private static final String STAGING = "staging-eu";

    /** Callers: name -> authorities. */
    private static final Map<String, List<String>> CALLERS = Map.of("staging-operator",
            List.of("TARGET_OPERATOR:" + STAGING), "prod-viewer", List.of("TARGET_VIEWER:" + PROD), "global-viewer",
            List.of("ROLE_VIEWER"), "global-operator", List.of("ROLE_OPERATOR"), "global-admin", List.of("ROLE_ADMIN"),
            "global-auditor", List.of("ROLE_AUDITOR"));

    /** What each caller may do on each target: "caller target" -> rights. */
    private enum Right {

        NONE, VIEW, CHANGE

    }

    private static Right right(String caller, String target) {
        return switch (caller) {
            case "staging-operator" -> STAGING.equals(target) ? Right.CHANGE : Right.NONE;
            case "prod-viewer" -> PROD.equals(target) ? Right.VIEW : Right.NONE;
            case "global-viewer" -> Right.VIEW;
            case "global-operator", "global-admin" -> Right.CHANGE;
            default -> Right.NONE;
        };
    }

    @Autowired
    MockMvcTester mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    /** Every key store endpoint of one target, with its access. */
    private static Map<String, Access> perTargetEndpoints() {
        var endpoints = new TreeMap<String, Access>();
        AuthorizationMatrixTest.EXPECTED.forEach((endpoint, access) -> {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            if (path.startsWith("/key-stores") && (access == Access.VIEWER || access == Access.OPERATOR)) {
                endpoints.putIfAbsent(method + " /t/{target}" + path, access);
            }
        });
        // The table's own rows for the per-target pages win over the moved old ones.
        AuthorizationMatrixTest.EXPECTED.forEach((endpoint, access) -> {
            if (endpoint.contains(" /t/{target}")) {
                endpoints.put(endpoint, access);
            }
        });
        return endpoints;
    }

    private Set<String> mapped() {
        var endpoints = new TreeSet<String>();
        handlerMapping.getHandlerMethods().forEach((info, method) -> {
            for (String pattern : info.getPatternValues()) {
                info.getMethodsCondition().getMethods().forEach(m -> endpoints.add(m.name() + " " + pattern));
            }
        });
        return endpoints;
    }

    @Test
    void theMatrixHasEveryChangeEndpointOfATarget() {
        var endpoints = perTargetEndpoints();
        assertThat(endpoints.keySet()).filteredOn(e -> !e.startsWith("GET "))
            .as("the change endpoints of a store")
            .contains("POST /t/{target}/key-stores/{id}/connect", "POST /t/{target}/key-stores/{id}/disconnect",
                    "POST /t/{target}/key-stores/{id}/delete", "POST /t/{target}/key-stores/{id}/edit/cloudhsm",
                    "POST /t/{target}/key-stores/{id}/review/{token}",
                    "POST /t/{target}/key-stores/new/xks/{draft}/create",
                    "POST /t/{target}/key-stores/new/cloudhsm/{draft}/create", "POST /t/{target}/key-stores/{id}/keys",
                    "POST /t/{target}/key-stores/{id}/keys/{keyId}/round-trip",
                    "POST /t/{target}/key-stores/{id}/keys/{keyId}/disable",
                    "POST /t/{target}/key-stores/{id}/keys/{keyId}/schedule-deletion");
        assertThat(endpoints).as("the create wizard's pages prepare a change: the right to change the target")
            .containsEntry("GET /t/{target}/key-stores/new/xks", Access.OPERATOR)
            .containsEntry("GET /t/{target}/key-stores/new/xks/{draft}/review", Access.OPERATOR)
            .containsEntry("GET /t/{target}/key-stores/new/cloudhsm", Access.OPERATOR)
            .containsEntry("GET /t/{target}/key-stores/new/cloudhsm/{draft}/password", Access.OPERATOR)
            .containsEntry("GET /t/{target}/key-stores/{id}/keys/new", Access.OPERATOR)
            .containsEntry("GET /t/{target}/key-stores/{id}/keys", Access.VIEWER);
        endpoints.forEach((endpoint, access) -> {
            if (!endpoint.startsWith("GET ")) {
                assertThat(access).as(endpoint).isEqualTo(Access.OPERATOR);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> everyTargetEndpointAnswersEachCallerAsTheirRightsOnItSay() {
        var mapped = mapped();
        List<DynamicTest> tests = new ArrayList<>();
        perTargetEndpoints().forEach((endpoint, access) -> {
            for (String target : List.of(PROD, STAGING)) {
                for (String caller : new TreeSet<>(CALLERS.keySet())) {
                    tests.add(DynamicTest.dynamicTest(endpoint + " on " + target + " as " + caller,
                            () -> check(endpoint, access, target, caller, mapped.contains(endpoint))));
                }
                tests.add(DynamicTest.dynamicTest(endpoint + " on " + target + " anonymously",
                        () -> assertThat(exchange(endpoint, target, null).getResponse().getRedirectedUrl())
                            .endsWith("/login")));
            }
        });
        return tests.stream();
    }

    private void check(String endpoint, Access access, String target, String caller, boolean mapped) {
        Right right = right(caller, target);
        boolean allowed = access == Access.OPERATOR ? right == Right.CHANGE : right != Right.NONE;
        int status = exchange(endpoint, target, caller).getResponse().getStatus();
        if (allowed) {
            assertThat(status).as("%s on %s as %s must not be refused", endpoint, target, caller).isNotIn(401, 403);
        }
        else if (endpoint.startsWith("GET ") && right == Right.VIEW && !mapped) {
            // A view right passes the URL rule; only the missing page answers.
            assertThat(status).as("%s on %s as %s", endpoint, target, caller).isIn(403, 404);
        }
        else {
            assertThat(status).as("%s on %s as %s must be forbidden", endpoint, target, caller).isEqualTo(403);
        }
    }

    private MvcTestResult exchange(String endpoint, String target, String caller) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1)
            .replace("{target}", target)
            .replace("{id}", "cks-0123456789abcdef0")
            .replaceAll("\\{[^}]+}", "sample");
        var request = "GET".equals(method) ? mvc.get().uri(path) : mvc.post().uri(path).with(csrf());
        if (caller != null) {
            request = request.with(as(caller));
        }
        return request.exchange();
    }

    private static RequestPostProcessor as(String caller) {
        return user("grants-" + caller)
            .authorities(CALLERS.get(caller).stream().map(SimpleGrantedAuthority::new).toList());
    }

    @Test
    void aUserWithOnlyGrantsMayOpenTheListOfEveryTargetButChangeNothingThroughItsUrls() {
        for (String caller : List.of("staging-operator", "prod-viewer")) {
            assertThat(mvc.get().uri("/key-stores").with(as(caller))).as(caller).hasStatusOk();
            assertThat(mvc.post().uri("/key-stores/cks-0123456789abcdef0/connect").with(as(caller)).with(csrf()))
                .as(caller)
                .hasStatus(403);
        }
        assertThat(mvc.get().uri("/key-stores").with(as("global-auditor"))).hasStatus(403);
    }

    @Test
    void aTargetNameThatCannotBeOneIsRefusedToGrantsAndLeftToThePageForGlobalRoles() {
        assertThat(mvc.get().uri("/t/Prod_EU/key-stores").with(as("staging-operator"))).hasStatus(403);
        assertThat(
                mvc.get().uri("/t/Prod_EU/key-stores").with(as("global-viewer")).exchange().getResponse().getStatus())
            .isNotIn(401, 403);
    }

}
