package com.cksconsole.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.support.BrowserTest;
import com.cksconsole.keystore.KeyStoreAuditAction;

/**
 * The audit pages in headless Chromium: search, an entry, the verification; axe-core on
 * each.
 */
class AuditBrowserTest extends BrowserTest {

    @Autowired
    AuditTrail trail;

    @Test
    void anAdministratorSearchesOpensAnEntryAndVerifiesTheChain() {
        SecurityContextHolder.getContext()
            .setAuthentication(new TestingAuthenticationToken("browser-operator", null, "ROLE_OPERATOR"));
        try {
            trail.begin(
                    AuditIntent
                        .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE,
                                AuditTarget.keyStore("us-east-1", "111122223333", "cks-browser-1",
                                        "finance-hsm-primary"))
                        .changed("CustomKeyStoreName", "finance-hsm-primary", "finance-hsm-eu")
                        .with(trail.secretReplaced("KeyStorePassword", "Finance2026"))
                        .reason("CHG-2001")
                        .build())
                .succeeded("kms-browser-1");
        }
        finally {
            SecurityContextHolder.clearContext();
        }
        signInAsAdmin();

        driver.findElement(By.linkText("Audit log")).click();
        await().until(d -> d.getCurrentUrl().endsWith("/audit"));
        assertAccessible();

        driver.findElement(By.id("actor")).sendKeys("browser-operator");
        driver.findElement(By.cssSelector("form.audit-filters button[type=submit]")).click();
        await().until(d -> d.getCurrentUrl().contains("actor=browser-operator"));
        var rows = driver.findElements(By.cssSelector("table tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("finance-hsm-primary", "Succeeded");

        rows.get(0).findElement(By.tagName("a")).click();
        await().until(d -> d.findElement(By.tagName("h1")).getText().equals("UpdateCustomKeyStore"));
        assertThat(driver.findElement(By.tagName("main")).getText())
            .contains("CHG-2001", "kms-browser-1", "finance-hsm-eu", "replaced")
            .doesNotContain("Finance2026");
        assertAccessible();

        driver.get(url("/audit/verify"));
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        await().until(d -> !d.findElements(By.cssSelector(".alert--success")).isEmpty());
        assertThat(driver.findElement(By.cssSelector(".alert--success")).getText()).contains("The chain is intact.");
        assertAccessible();
    }

}
