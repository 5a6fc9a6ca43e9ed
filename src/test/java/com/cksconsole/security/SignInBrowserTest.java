package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import com.cksconsole.support.BrowserTest;
import com.cksconsole.support.ConsoleApplicationTest;

/** Sign-in in a real headless Chromium, with axe-core on each page. */
class SignInBrowserTest extends BrowserTest {

    @Test
    void theSignInPageIsAccessibleAndLeadsToTheConsole() {
        driver.manage().deleteAllCookies();
        driver.get(url("/"));
        await().until(d -> d.getCurrentUrl().endsWith("/login"));
        assertAccessible();

        signIn("admin", ConsoleApplicationTest.ADMIN_PASSWORD);

        assertThat(driver.findElement(By.cssSelector(".site-user__name")).getText()).isEqualTo("Signed in as admin");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        assertAccessible();
    }

    @Test
    void aWrongPasswordShowsTheErrorAndKeepsTheVisitorOnTheSignInPage() {
        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys("nobody-by-this-name");
        driver.findElement(By.id("password")).sendKeys("definitely-wrong");
        driver.findElement(By.cssSelector("form.form button[type=submit]")).click();

        await().until(d -> d.getCurrentUrl().endsWith("/login?error"));
        var alert = driver.findElement(By.cssSelector(".alert--danger"));
        assertThat(alert.getText()).contains("not correct");
        assertThat(driver.switchTo().activeElement()).as("focus moves to the error").isEqualTo(alert);
        assertAccessible();
    }

    @Test
    void theStylesheetLoadsUnderTheContentSecurityPolicy() {
        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        String background = driver.findElement(By.cssSelector(".site-header")).getCssValue("background-color");
        assertThat(background).isEqualTo("rgba(13, 27, 42, 1)");
    }

}
