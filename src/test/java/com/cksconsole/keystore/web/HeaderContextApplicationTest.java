package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * Every page type shows which KMS the console acts on in its header (account, Region, a
 * SANDBOX marker), as the AWS console does; review and confirmation pages repeat it next
 * to the action. (In this package for the edit flow's helpers; the audit, user and
 * account pages are covered too.)
 */
@ConsoleApplicationTest
class HeaderContextApplicationTest {

    static final String SANDBOX_MARKER = "site-context__mode--sandbox\">SANDBOX</span>";
    static final String ACCOUNT = "Account <strong class=\"mono\">111122223333</strong>";
    static final String REGION = "Region <strong class=\"mono\">us-east-1</strong>";

    static final String TARGET = "Target <strong>Sandbox</strong>";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private ConsoleFlows console;

    @BeforeEach
    void signIn() {
        SeededKeyStores.of(context).restorePaymentsHsm();
        console = new ConsoleFlows(ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/t/default/key-stores", "/t/default/key-stores/" + SeededKeyStores.FINANCE_HSM,
            "/t/default/key-stores/" + SeededKeyStores.PAYMENTS_HSM + "/edit",
            "/t/default/key-stores/" + SeededKeyStores.PAYMENTS_HSM + "/connect" })
    void theHeaderOfEveryPageOfATargetNamesTheTargetItsAccountItsRegionAndTheSandbox(String path) {
        assertThat(console.get(path).body()).contains(SANDBOX_MARKER, TARGET, ACCOUNT, REGION);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/", "/key-stores", "/audit", "/audit/verify", "/users", "/users/new", "/users/admin",
            "/account/password" })
    void withAllTargetsChosenTheHeaderOfAPageWithoutTargetSaysAllTargetsAndNamesNoAccount(String path) {
        console.get("/key-stores?target=all");
        String body = console.get(path).body();
        // As many as the chooser offers (other test classes sharing this context may
        // have registered targets of their own).
        assertThat(chooserTargets(body)).isGreaterThanOrEqualTo(7);
        assertThat(body).contains(SANDBOX_MARKER, "Targets <strong>all " + chooserTargets(body) + "</strong>");
        assertThat(body).doesNotContain(ACCOUNT, REGION);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/", "/key-stores", "/audit", "/users", "/account/password" })
    void withOneTargetChosenEveryPageNamesItsAccountAndRegion(String path) {
        console.get("/key-stores?target=default");
        try {
            assertThat(console.get(path).body()).contains(SANDBOX_MARKER, TARGET, ACCOUNT, REGION);
        }
        finally {
            console.get("/key-stores?target=all");
        }
    }

    @Test
    void anUnknownPageStillSaysWhereTheConsoleActs() {
        assertThat(console.get("/no-such-page").body()).contains(SANDBOX_MARKER);
    }

    @Test
    void theReviewPageRepeatsTheTargetRightBeforeItsButtons() {
        String review = console.submit(SeededKeyStores.PAYMENTS_HSM, "cloudhsm", CloudHsmUpdateForm.NAME,
                "payments-hsm-dr-header-test");
        String body = console.get(review).body();
        int target = body.indexOf("data-target-context");
        assertThat(target).isPositive();
        assertThat(body.substring(target)).contains("This goes to <span>the KMS sandbox</span>, target",
                "<strong>Sandbox</strong>, in account", "<strong class=\"mono\">111122223333</strong>, Region",
                "<strong class=\"mono\">us-east-1</strong>");
        assertThat(body.indexOf("Apply the change")).isGreaterThan(target);
        console.postOn(review, review + "/cancel", java.util.Map.of("then", "detail"));
    }

    @Test
    void theConnectAndDisconnectConfirmationsRepeatTheTargetRightBeforeTheirButtons() {
        String body = console.get("/t/default/key-stores/" + SeededKeyStores.PAYMENTS_HSM + "/connect").body();
        assertThat(body.indexOf("data-target-context")).isPositive()
            .isLessThan(body.indexOf("Connect the key store</button>"));
        body = console.get("/t/default/key-stores/" + SeededKeyStores.FINANCE_HSM + "/disconnect").body();
        assertThat(body.indexOf("data-target-context")).isPositive()
            .isLessThan(body.indexOf("Disconnect the key store</button>"));
    }

    @Test
    void theSignInPageTellsAnonymousVisitorsNothingOfTheAccount() {
        assertThat(ConsoleHttpClient.anonymous(port).get("/login").body()).doesNotContain("111122223333",
                "site-context");
    }

    /** The targets the header's chooser offers (besides "All targets"). */
    private static int chooserTargets(String body) {
        var select = java.util.regex.Pattern
            .compile("<select id=\"target-chooser\"(.*?)</select>", java.util.regex.Pattern.DOTALL)
            .matcher(body);
        assertThat(select.find()).as("the header's target chooser").isTrue();
        var options = java.util.regex.Pattern.compile("<option value=\"([^\"]+)\"").matcher(select.group(1));
        int count = 0;
        while (options.find()) {
            if (!"all".equals(options.group(1))) {
                count++;
            }
        }
        return count;
    }

}
