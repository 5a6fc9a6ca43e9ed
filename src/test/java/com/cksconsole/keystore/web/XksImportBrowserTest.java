package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.cksconsole.kms.SandboxDefaults;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.BrowserTest;

/**
 * The proxy configuration import in headless Chromium against the KMS sandbox and its XKS
 * proxy, with axe-core on every page visited: the credential rotation in three clicks,
 * read back with the AWS CLI; a refused file; Enter still reviews; the drop zone
 * (JavaScript) imports a dropped file and stops a much too large one.
 */
class XksImportBrowserTest extends BrowserTest {

    private static final String STORE = SeededKeyStores.PUBLIC_XKS;

    @Autowired
    ApplicationContext context;

    private SeededKeyStores sandbox;

    @BeforeEach
    void signInAsOperator() {
        sandbox = SeededKeyStores.of(context);
        sandbox.ensureConnected(STORE);
        signInAsAdmin();
    }

    @AfterEach
    void restoreSeededStore() {
        sandbox.restorePublicXks();
    }

    /**
     * Rotating the proxy credential of a CONNECTED store from the proxy's file, counted
     * from the edit page: (1) choose the file in the file input, (2) "Import and review"
     * (the file's values pass every check, so the console goes straight to the review
     * page), (3) "Apply the change". Nothing is typed.
     */
    @Test
    void anOperatorRotatesTheProxyCredentialFromTheProxysFileInThreeClicks() throws Exception {
        driver.get(url("/t/default/key-stores/" + STORE + "/edit"));
        assertAccessible();
        int clicks = 0;

        driver.findElement(By.id("proxyConfigurationFile")).sendKeys(fixture(ImportFixtures.TENANT_B).toString());
        clicks++; // 1: the file input (a real browser opens its file chooser here)
        button("Import and review").click();
        clicks++; // 2
        await().until(d -> d.getCurrentUrl().contains("/review/"));
        assertThat(text("main")).contains("/tenant-b/kms/xks/v1")
            .contains("access key ID SANDBOXTENANTBKEYID234 with a new secret access key")
            .contains("Values from the proxy configuration sandbox-tenant-b.json");
        assertThat(driver.getPageSource()).doesNotContain(SeededKeyStores.TENANT_B_SECRET);
        assertAccessible();
        button("Apply the change").click();
        clicks++; // 3
        await().until(d -> d.getCurrentUrl().endsWith("/t/default/key-stores/" + STORE));

        assertThat(text(".outcome")).contains("KMS accepted the change");
        assertThat(driver.getPageSource()).doesNotContain(SeededKeyStores.TENANT_B_SECRET);
        assertAccessible();
        assertThat(clicks).isEqualTo(3);
        var described = describedProxyConfiguration();
        assertThat(described.path("UriPath").asString()).isEqualTo("/tenant-b/kms/xks/v1");
        assertThat(described.path("AccessKeyId").asString()).isEqualTo(SeededKeyStores.TENANT_B_KEY);
    }

    @Test
    void aRefusedFileKeepsTheTypedNameAndSaysWhichKeyIsWrong() throws Exception {
        driver.get(url("/t/default/key-stores/" + STORE + "/edit"));
        var name = driver.findElement(By.id("newCustomKeyStoreName"));
        name.clear();
        name.sendKeys("typed-before-the-upload");
        driver.findElement(By.id("proxyConfigurationFile")).sendKeys(fixture("invalid-path-suffix.json").toString());
        button("Import only").click();

        await().until(d -> !d.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(driver.switchTo().activeElement()).as("focus on the error summary")
            .isEqualTo(driver.findElement(By.cssSelector(".error-summary")));
        assertThat(text("#proxy-config-error")).contains("XksProxyUriPath must end in /kms/xks/v<number>");
        assertThat(driver.findElement(By.id("newCustomKeyStoreName")).getDomProperty("value"))
            .isEqualTo("typed-before-the-upload");
        assertAccessible();
    }

    @Test
    void anImportedFormMarksTheFieldsAndOffersAnotherSecret() throws Exception {
        driver.get(url("/t/default/key-stores/" + STORE + "/edit"));
        driver.findElement(By.id("proxyConfigurationFile")).sendKeys(fixture("valid-with-endpoint.json").toString());
        button("Import only").click();

        await().until(d -> !d.findElements(By.id("import-summary")).isEmpty());
        assertThat(text("#import-summary")).contains("Imported from valid-with-endpoint.json")
            .contains("…): proxy URI endpoint, access key ID")
            .contains("the same as now: proxy URI path, proxy connectivity")
            .doesNotContain("not applied");
        assertThat(driver.findElement(By.id("xksProxyUriEndpoint")).getDomAttribute("aria-describedby"))
            .contains("xksProxyUriEndpoint-imported");
        assertThat(driver.findElement(By.id("xksProxyUriPath")).getDomAttribute("aria-describedby"))
            .as("the file's path is the current one")
            .doesNotContain("xksProxyUriPath-imported");
        assertThat(text(".field--held")).contains("secret access key: from the uploaded file");
        assertAccessible();

        button("Use a different secret").click();
        await().until(d -> !d.findElements(By.id("xksProxyAuthenticationCredential.rawSecretAccessKey")).isEmpty()
                && d.findElements(By.cssSelector(".field--held")).isEmpty());
        assertThat(driver.findElement(By.id("xksProxyAuthenticationCredential.accessKeyId")).getDomProperty("value"))
            .as("the file's access key ID stays")
            .isEqualTo("MHYURUDZPRY7TSCPAVZRD7DV");
        assertAccessible();
    }

    @Test
    void enterInATextFieldStillReviewsTheChange() {
        driver.get(url("/t/default/key-stores/" + STORE + "/edit"));
        var name = driver.findElement(By.id("newCustomKeyStoreName"));
        name.clear();
        name.sendKeys("ekm-renamed-with-enter", Keys.ENTER);

        await().until(d -> d.getCurrentUrl().contains("/review/"));
        assertThat(text("main")).contains("ekm-renamed-with-enter");
        assertAccessible();
    }

    @Test
    void aFileDroppedOnTheImportBoxIsImported() {
        driver.get(url("/t/default/key-stores/" + STORE + "/edit"));

        drop("dropped.json", ImportFixtures.text("valid-minimal.json"));

        await().until(d -> !d.findElements(By.id("import-summary")).isEmpty());
        assertThat(text("#import-summary")).contains("Imported from dropped.json");
        assertThat(driver.findElement(By.id("xksProxyUriPath")).getDomProperty("value")).isEqualTo("/kms/xks/v1");
        assertAccessible();
    }

    @Test
    void aMuchTooLargeDroppedFileIsNotSentAtAll() {
        driver.get(url("/t/default/key-stores/" + STORE + "/edit"));

        drop("huge.json", " ".repeat(200_000));

        var message = driver.findElement(By.id("proxyConfigurationFile-client-error"));
        await().until(d -> message.isDisplayed());
        assertThat(message.getText()).contains("is 200,000 bytes; a proxy configuration may be at most 64 KiB");
        assertThat(driver.getCurrentUrl()).endsWith("/edit");
        assertAccessible();
    }

    // --- helpers
    // --------------------------------------------------------------------------------------------

    /**
     * Drops a file on the import box as a browser does (a synthetic drag and drop with a
     * real File).
     */
    private void drop(String fileName, String content) {
        ((JavascriptExecutor) driver).executeScript("""
                const transfer = new DataTransfer();
                transfer.items.add(new File([arguments[1]], arguments[0], {type: 'application/json'}));
                const zone = document.querySelector('[data-drop-zone]');
                for (const type of ['dragenter', 'dragover', 'drop']) {
                    zone.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));
                }
                """, fileName, content);
    }

    /**
     * The store's XksProxyConfiguration as the real AWS CLI shows it
     * (describe-custom-key-stores against the sandbox), with a configuration of its own
     * so that no user configuration interferes; through the SDK's KmsClient when the CLI
     * is not installed (said on the test output).
     */
    private JsonNode describedProxyConfiguration() throws IOException, InterruptedException {
        Optional<Path> aws = onPath("aws");
        if (aws.isEmpty()) {
            System.out.println("AWS CLI not on the PATH: the store was read back through the SDK's KmsClient instead");
            var xks = sandbox.describe(STORE).xksProxyConfiguration();
            return JsonMapper.builder()
                .build()
                .readTree("{\"UriPath\": \"" + xks.uriPath() + "\", \"AccessKeyId\": \"" + xks.accessKeyId() + "\"}");
        }
        Path config = Files.createTempFile("aws-config", "");
        Path credentials = Files.createTempFile("aws-credentials", "");
        Path output = Files.createTempFile("aws-output", ".json");
        try {
            var process = new ProcessBuilder(aws.get().toString(), "kms", "describe-custom-key-stores",
                    "--custom-key-store-id", STORE, "--endpoint-url", "http://127.0.0.1:" + port + "/sandbox/kms",
                    "--region", "us-east-1", "--output", "json")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
            var env = process.environment();
            env.put("AWS_ACCESS_KEY_ID", SandboxDefaults.ACCESS_KEY_ID);
            env.put("AWS_SECRET_ACCESS_KEY", SandboxDefaults.SECRET_ACCESS_KEY);
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("AWS_CONFIG_FILE", config.toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_PAGER", "");
            env.remove("AWS_PROFILE");
            env.remove("AWS_SESSION_TOKEN");
            var running = process.start();
            assertThat(running.waitFor(90, TimeUnit.SECONDS)).as("the AWS CLI finished").isTrue();
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(running.exitValue()).as(printed).isZero();
            System.out.println("AWS CLI (" + aws.get() + ") describe-custom-key-stores:\n" + printed);
            return JsonMapper.builder()
                .build()
                .readTree(printed)
                .path("CustomKeyStores")
                .path(0)
                .path("XksProxyConfiguration");
        }
        finally {
            Files.deleteIfExists(config);
            Files.deleteIfExists(credentials);
            Files.deleteIfExists(output);
        }
    }

    private static Optional<Path> onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(dir -> !dir.isBlank())
            .map(dir -> Path.of(dir, command))
            .filter(Files::isExecutable)
            .findFirst();
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(XksImportBrowserTest.class.getResource("/proxy-config/" + name).toURI());
    }

    private WebElement button(String label) {
        return driver.findElements(By.cssSelector("button[type=submit]"))
            .stream()
            .filter(WebElement::isDisplayed)
            .filter(button -> button.getText().strip().equals(label))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no visible button " + label));
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

}
