package com.cksconsole.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import com.cksconsole.security.accounts.GroupMapping;
import com.cksconsole.security.accounts.GroupMappingRepository;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.support.BrowserTest;
import com.cksconsole.support.RegisteredTestTargets;
import com.cksconsole.support.Viewport;
import com.cksconsole.targets.TargetName;

import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * The group mappings page at a phone's width (390 px) and a laptop's (1366 px), with
 * mappings of two providers (one with a group of 255 characters without a space) and with
 * the add form's errors: nothing scrolls sideways and axe-core finds no violation. The
 * same context as {@link GroupMappingPagesApplicationTest} (hence
 * {@code @AutoConfigureMockMvc}, unused here).
 */
@AutoConfigureMockMvc
@TestPropertySource(locations = GroupMappingPagesApplicationTest.PROVIDERS)
class GroupMappingsBrowserTest extends BrowserTest {

    @Autowired
    GroupMappingRepository mappings;

    @Autowired
    ApplicationContext context;

    private Viewport viewport;

    private final List<GroupMapping> added = new ArrayList<>();

    private final List<String> problems = new ArrayList<>();

    private int width;

    @BeforeEach
    void setUp() {
        viewport = new Viewport(driver);
        TargetName target = RegisteredTestTargets.ensure(context, "sso-map-browser", "930000000003");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String longest = "g" + suffix + "x".repeat(255 - 1 - suffix.length());
        added.add(mappings.add("test-idp", longest, Optional.of(target), Role.OPERATOR, "admin").orElseThrow());
        added.add(mappings.add("other-idp", "/kms-admins-" + suffix, Optional.empty(), Role.ADMIN, "admin")
            .orElseThrow());
    }

    @AfterEach
    void restore() {
        viewport.reset();
        added.forEach(mapping -> mappings.remove(mapping.id()));
        RegisteredTestTargets.retire(context, "sso-map-browser");
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = { Viewport.PHONE, Viewport.LAPTOP })
    void thePageFitsTheWindowAndHasNoAccessibilityViolation(int windowWidth) {
        width = windowWidth;
        viewport.resize(width);
        signInAsAdmin();

        driver.get(url("/users/group-mappings"));
        check("group-mappings");
        assertThat(driver.findElement(By.cssSelector("main")).getText()).contains(added.get(0).group());

        driver.findElement(By.cssSelector("form[action$='/users/group-mappings'] button[type=submit]")).click();
        await().until(d -> !d.findElements(By.id("group-error")).isEmpty());
        check("group-mappings-with-errors");

        assertThat(problems).isEmpty();
    }

    private void check(String page) {
        var fit = viewport.fit();
        if (fit.scrollsSideways(width)) {
            problems.add(page + " scrolls sideways at " + width + " px: " + fit);
        }
        new AxeBuilder().analyze(driver)
            .getViolations()
            .forEach(rule -> problems.add(page + " at " + width + " px: axe " + rule.getImpact() + " " + rule.getId()
                    + ": " + rule.getHelp()));
        String directory = System.getProperty("console.test.screenshots");
        if (directory != null && !directory.isBlank()) {
            viewport.screenshot(Path.of(directory, page + "-" + width + ".png"));
        }
    }

}
