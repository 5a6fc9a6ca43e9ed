package com.cksconsole.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.deque.html.axecore.selenium.AxeBuilder;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalPolicies;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.ApproverRole;
import com.cksconsole.approval.ChangeLine;
import com.cksconsole.approval.ProposedChange;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.BrowserTest;
import com.cksconsole.support.RegisteredTestTargets;
import com.cksconsole.targets.TargetName;
import com.cksconsole.support.Viewport;

/**
 * Every page type of the console at a phone's width (390 px) and at a laptop's (1366 px),
 * reached as a user would: signed in as admin, through the forms (the guided change
 * renames finance-hsm-primary and is put back afterwards). On each page: nothing scrolls
 * sideways (tables scroll inside their own box) and axe-core finds no violation of any
 * impact. With {@code -Dconsole.test.screenshots=DIR} it also saves full-page
 * screenshots.
 */
class PageLayoutBrowserTest extends BrowserTest {

    private static final String MISSING_STORE = "cks-0000000000000000a";

    @Autowired
    ApplicationContext context;

    private SeededKeyStores sandbox;

    private Viewport viewport;

    private final List<String> problems = new ArrayList<>();

    private int width;

    @BeforeEach
    void setUp() {
        sandbox = SeededKeyStores.of(context);
        viewport = new Viewport(driver);
    }

    @AfterEach
    void restore() {
        viewport.reset();
        sandbox.restoreFinanceHsm();
        RegisteredTestTargets.retire(context, "aw-pages");
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = { Viewport.PHONE, Viewport.LAPTOP })
    void noPageScrollsSidewaysOrHasAnAccessibilityViolation(int windowWidth) {
        width = windowWidth;
        viewport.resize(width);
        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        check("sign-in");
        signInAsAdmin();
        check("home");

        open("/key-stores", "key-store-list");
        open("/t/default/key-stores/" + SeededKeyStores.FINANCE_HSM, "detail-cloudhsm");
        open("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS, "detail-xks");
        open("/t/default/key-stores/" + SeededKeyStores.PAYMENTS_HSM, "detail-cloudhsm-disconnected");
        open("/t/default/key-stores/" + SeededKeyStores.PRIVATE_XKS, "detail-xks-vpc-endpoint-service");
        open("/t/default/key-stores/" + SeededKeyStores.PAYMENTS_HSM + "/edit", "edit-cloudhsm");
        open("/t/default/key-stores/" + SeededKeyStores.PRIVATE_XKS + "/edit", "edit-xks");
        replace("xksProxyVpcEndpointServiceOwner", "123");
        submitForm("/edit/");
        await().until(d -> !d.findElements(By.cssSelector(".error-summary")).isEmpty());
        check("edit-xks-with-errors");
        open("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/disconnect", "connection");
        // The delete page of a DISCONNECTED store (its confirmation; nothing is posted)
        // and of a CONNECTED one (the way to disconnect).
        open("/t/default/key-stores/" + SeededKeyStores.PAYMENTS_HSM + "/delete", "delete");
        open("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/delete", "delete-not-disconnected");

        // A CONNECTED CloudHSM key store is renamed through a guided change: review, then
        // the run page.
        open("/t/default/key-stores/" + SeededKeyStores.FINANCE_HSM + "/edit", "edit-cloudhsm-connected");
        replace("newCustomKeyStoreName", "finance-hsm-at-" + width);
        submitForm("/edit/");
        await().until(d -> d.getCurrentUrl().contains("/review/"));
        check("review");
        driver.findElement(By.id("reason")).sendKeys("CHG-12 layout at " + width + " px");
        driver.findElement(By.cssSelector("button[value='RECONNECT']")).click();
        await().until(d -> d.getCurrentUrl().contains("/runs/"));
        check("run");
        waitUpTo(Duration.ofSeconds(30))
            .until(d -> d.findElement(By.cssSelector("[data-live-run-status]")).getText().equals("Completed"));
        check("run-completed");
        // The store's page again, now with tables wider than a phone (its guided changes,
        // its change history) that scroll inside their own box.
        open("/t/default/key-stores/" + SeededKeyStores.FINANCE_HSM, "detail-after-guided-change");

        open("/health", "health-dashboard");
        open("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/health", "health-store");

        open("/audit", "audit-list");
        driver.get(driver.findElement(By.cssSelector(".table-wrap a[href*='/audit/']")).getDomProperty("href"));
        check("audit-detail");
        open("/audit/verify", "audit-verify");

        open("/users", "users-list");
        open("/users/admin", "user-detail");
        open("/users/group-mappings", "group-mappings-sso-off");
        open("/users/new", "user-new");
        driver.findElement(By.id("role-VIEWER")).click(); // no role, no name, no password
        submitForm("/users");
        await().until(d -> !d.findElements(By.cssSelector(".error-summary")).isEmpty());
        check("user-new-with-errors");
        open("/account/password", "change-password");

        open("/approval-policies", "approval-policies");
        driver.findElement(By.cssSelector("form[action$='/approval-policies'] button[type=submit]")).click();
        await().until(d -> !d.findElements(By.cssSelector(".error-summary")).isEmpty());
        check("approval-policies-with-errors");
        String request = pendingApprovalRequest();
        open("/approvals", "approval-requests");
        open(request, "approval-request");

        open("/no-such-page", "error-404");
        open("/t/default/key-stores/" + MISSING_STORE, "error-key-store-not-found");
        postFromThePage("/users", false);
        await().until(d -> d.findElement(By.tagName("h1")).getText().equals("Not allowed"));
        check("error-403");
        postFromThePage("/key-stores", true);
        await().until(d -> d.findElement(By.tagName("h1")).getText().equals("Something went wrong"));
        check("error-405");

        assertThat(problems).isEmpty();
    }

    @Test
    void aKeyStoreIdIsCopiedWithTheButtonNextToIt() {
        viewport.resize(Viewport.PHONE);
        var chromium = (ChromiumDriver) driver;
        chromium.executeCdpCommand("Browser.grantPermissions",
                Map.of("origin", url(""), "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        signInAsAdmin();
        driver.get(url("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS));

        WebElement button = driver.findElement(By.cssSelector("[data-copy-label='key store ID'] .copy-button"));
        assertThat(button.getAccessibleName()).isEqualTo("Copy key store ID");
        assertThat(driver.findElements(By.cssSelector("[data-copy] .copy-button")))
            .extracting(WebElement::getAccessibleName)
            .contains("Copy proxy URI endpoint", "Copy proxy URI path", "Copy proxy access key ID");
        button.click();

        await().until(d -> d.findElement(By.cssSelector("[data-copy-label='key store ID'] .copy-status"))
            .getText()
            .equals("Copied"));
        Object clipboard = ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[0]; navigator.clipboard.readText().then(done, function (e) { done('' + e); });");
        assertThat(clipboard).isEqualTo(SeededKeyStores.PUBLIC_XKS);
    }

    /**
     * The page of a pending request with a secret and long values, on a target of its own
     * (a policy on the seeded target would gate the other tests' changes).
     */
    private String pendingApprovalRequest() {
        String target = RegisteredTestTargets.ensure(context, "aw-pages", "920000000101").value();
        context.getBean(ApprovalPolicies.class)
            .create(new TargetName(target), null, Set.of(ApprovalOperation.UPDATE_PROXY_LOCATION), 2,
                    ApproverRole.OPERATOR, Duration.ofHours(24), false, "layout-test");
        var approvals = context.getBean(Approvals.class);
        String store = SeededKeyStores.PUBLIC_XKS;
        var change = new ProposedChange(target, store, "Update public-xks (" + store + ")",
                Set.of(ApprovalOperation.UPDATE_PROXY_LOCATION),
                List.of(new ChangeLine("XksProxyUriEndpoint", "https://xks-proxy.example.com",
                        "https://a-much-longer-host-name-of-the-new-external-key-store-proxy.example.com"),
                        new ChangeLine("XksProxyAuthenticationCredential", null, "replaced")),
                Map.of(),
                Map.of("XksProxyAuthenticationCredential",
                        approvals.fingerprint("XksProxyAuthenticationCredential", "layout-test-secret")),
                "store-fingerprint", "/t/" + target + "/key-stores/" + store + "/review/approved/");
        var request = approvals.request(change, "layout-requester", "The proxy moves to its new host tonight.");
        return "/t/" + target + "/approvals/" + request.id();
    }

    /**
     * Records every problem of the current page instead of stopping at the first page
     * that has one.
     */
    private void check(String page) {
        var fit = viewport.fit();
        if (fit.scrollsSideways(width)) {
            problems.add(page + " scrolls sideways at " + width + " px: " + fit);
        }
        var violations = new AxeBuilder().analyze(driver).getViolations();
        violations.forEach(rule -> problems
            .add(page + " at " + width + " px: axe " + rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp()));
        String directory = System.getProperty("console.test.screenshots");
        if (directory != null && !directory.isBlank()) {
            viewport.screenshot(Path.of(directory, page + "-" + width + ".png"));
        }
    }

    private void open(String path, String page) {
        driver.get(url(path));
        check(page);
    }

    private void replace(String id, String value) {
        var input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** Presses the form's own submit button (not one with a formaction of its own). */
    private void submitForm(String actionContains) {
        driver
            .findElement(By.cssSelector(
                    "form[action*='" + actionContains + "'] " + "button[type=submit]:not([hidden]):not([formaction])"))
            .click();
    }

    /**
     * Posts an empty form from the current page, as a stale or forged page would: without
     * the CSRF token the console answers 403; with it, to a page that takes no POST, 405.
     */
    private void postFromThePage(String path, boolean withCsrfToken) {
        ((JavascriptExecutor) driver).executeScript("""
                var form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                var token = document.querySelector('input[name=_csrf]');
                if (arguments[1] && token) {
                    form.appendChild(token.cloneNode());
                }
                document.body.appendChild(form);
                form.submit();""", path, withCsrfToken);
    }

}
