package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalPolicies;
import com.cksconsole.approval.ApprovalPolicy;
import com.cksconsole.approval.ApproverRole;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.BrowserTest;
import com.cksconsole.targets.TargetName;

/**
 * Two-person approval in headless Chromium at desktop (1366 px) and phone (390 px) width:
 * one operator edits a store and asks for approval, a second operator finds the request
 * by the header's count and approves it, and the first executes it, entering the new
 * kmsuser password again. axe-core and the window's width on every page of the flow.
 */
class ApprovalFlowBrowserTest extends BrowserTest {

    private static final String PASSWORD = "browser-operator-password-2026";

    private static final String STORE = SeededKeyStores.PAYMENTS_HSM;

    @Autowired
    ApplicationContext context;

    @Autowired
    ApprovalPolicies policies;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    private ApprovalPolicy policy;

    @AfterEach
    void removePolicyAndRestore() {
        driver.manage().window().setSize(new Dimension(1280, 1024));
        if (policy != null) {
            policies.delete(policy.id());
            policy = null;
        }
        SeededKeyStores.of(context).restorePaymentsHsm();
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = { 1366, 390 })
    void aChangeIsRequestedApprovedByASecondOperatorAndExecuted(int width) {
        var sandbox = SeededKeyStores.of(context);
        sandbox.ensureDisconnected(STORE);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alice = "balice-" + suffix;
        String bob = "bbob-" + suffix;
        for (String name : new String[] { alice, bob }) {
            users.insert(new UserAccount(name, encoder.encode(PASSWORD), Set.of(Role.OPERATOR), true, false));
        }
        policy = policies.create(new TargetName("default"), STORE,
                EnumSet.of(ApprovalOperation.UPDATE_NAME, ApprovalOperation.UPDATE_PASSWORD), 1, ApproverRole.OPERATOR,
                Duration.ofHours(24), false, "admin");
        String newName = "payments-approved-" + suffix;
        driver.manage().window().setSize(new Dimension(width, 900));

        // The requester: edit, review, ask for approval.
        signIn(alice, PASSWORD);
        driver.get(url("/t/default/key-stores/" + STORE + "/edit"));
        var name = driver.findElement(By.id("newCustomKeyStoreName"));
        name.clear();
        name.sendKeys(newName);
        driver.findElement(By.id("keyStorePassword")).sendKeys("BrowserApproved1");
        driver.findElement(By.cssSelector("form[action$='/edit/cloudhsm'] button[type=submit]")).click();
        await().until(d -> d.getCurrentUrl().contains("/review/"));
        assertThat(driver.findElement(By.id("approval-title")).getText()).isEqualTo("This change needs approval");
        assertThat(driver.getPageSource()).doesNotContain("BrowserApproved1");
        assertAccessible();
        assertFitsTheWindow();
        driver.findElement(By.id("approvalReason")).sendKeys("CHG-9001 rename after the audit");
        driver.findElement(By.xpath("//button[normalize-space()='Request approval']")).click();
        await().until(d -> d.getCurrentUrl().contains("/t/default/approvals/"));
        String requestPage = driver.getCurrentUrl();
        assertThat(driver.getPageSource()).contains("CHG-9001 rename after the audit").contains(newName);
        assertThat(driver.findElement(By.cssSelector(".site-context")).getText())
            .as("the header names the request's target, as on its stores' pages")
            .contains("Target Sandbox", "111122223333", "us-east-1");
        assertThat(driver.findElements(By.cssSelector("[data-awaits-you]"))).as("not the requester's to answer")
            .isEmpty();
        assertAccessible();
        assertFitsTheWindow();

        // The approver: the header counts the request; approve it.
        signIn(bob, PASSWORD);
        driver.get(url("/key-stores"));
        // Other tests' requests may await this global operator too: this one counts.
        int awaiting = badgeCount();
        assertThat(awaiting).isPositive();
        driver.get(requestPage);
        assertThat(driver.findElements(By.cssSelector("[data-awaits-you]"))).hasSize(1);
        assertAccessible();
        assertFitsTheWindow();
        driver.findElement(By.xpath("//button[normalize-space()='Approve']")).click();
        await().until(d -> !d.findElements(By.cssSelector("[data-decision='" + bob + "']")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("[data-execute]"))).as("only the requester executes").isEmpty();

        // The requester executes it, entering the password again.
        signIn(alice, PASSWORD);
        driver.get(requestPage);
        driver.findElement(By.cssSelector("[data-execute]")).click();
        await().until(d -> d.getCurrentUrl().contains("/review/approved/"));
        assertAccessible();
        assertFitsTheWindow();
        driver.findElement(By.id("keyStorePassword")).sendKeys("BrowserApproved1");
        driver.findElement(By.xpath("//button[normalize-space()='Check and review before sending']")).click();
        await().until(d -> !d.findElements(By.id("approved-title")).isEmpty());
        assertAccessible();
        assertFitsTheWindow();
        driver.findElement(By.xpath("//button[normalize-space()='Apply the change']")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/t/default/key-stores/" + STORE));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains(newName);
        assertThat(sandbox.describe(STORE).customKeyStoreName()).isEqualTo(newName);
        driver.get(requestPage);
        assertThat(driver.getPageSource()).contains("EXECUTED");
    }

    private int badgeCount() {
        var matcher = java.util.regex.Pattern.compile("\\((\\d+)\\)")
            .matcher(driver.findElement(By.cssSelector("[data-approval-badge]")).getText());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private void assertFitsTheWindow() {
        long scroll = (Long) ((JavascriptExecutor) driver)
            .executeScript("return document.documentElement.scrollWidth;");
        long client = (Long) ((JavascriptExecutor) driver)
            .executeScript("return document.documentElement.clientWidth;");
        assertThat(scroll).as("the page's content fits its width on %s", driver.getCurrentUrl())
            .isLessThanOrEqualTo(client);
    }

}
