package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import software.amazon.awssdk.services.kms.KmsClient;

import com.cksconsole.keystore.CreationRules;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * The secret access key typed into the create wizard appears in no page, no log line
 * (console and SDK at DEBUG) and no database row, through an invalid step, a failed
 * pre-flight, a KMS refusal after an override and a successful create.
 */
@ConsoleApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class XksCreateSecretsApplicationTest {

    private static final String[] VERBOSE = { "com.cksconsole", "software.amazon.awssdk" };

    private static final String BASE = "/t/default/key-stores/new/xks";

    private static final Pattern DRAFT = Pattern.compile(BASE + "/([A-Za-z0-9_-]+)/name");

    private static final Pattern TOKEN = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    LoggingSystem logging;

    @Autowired
    JdbcClient jdbc;

    private ConsoleHttpClient console;

    private KmsClient kms;

    private final List<String> pages = new ArrayList<>();

    @BeforeEach
    void signInWithVerboseLogging() {
        for (String logger : VERBOSE) {
            logging.setLogLevel(logger, LogLevel.DEBUG);
        }
        console = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        kms = KeyStoreServices.defaultClient(context);
    }

    @AfterEach
    void restore() {
        for (String logger : VERBOSE) {
            logging.setLogLevel(logger, null);
        }
        for (var store : kms.describeCustomKeyStores(r -> r.limit(100)).customKeyStores()) {
            if (store.customKeyStoreName().startsWith("ekm-secret-")) {
                kms.deleteCustomKeyStore(r -> r.customKeyStoreId(store.customKeyStoreId()));
            }
        }
        context.getBean(KeyStoreReads.class).forgetSnapshot();
    }

    private HttpResponse<String> get(String path) {
        var page = console.get(path);
        pages.add(page.body());
        return page;
    }

    private HttpResponse<String> post(String path, String... fields) {
        var form = new LinkedHashMap<String, String>();
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        var response = console.postForm(path, form);
        pages.add(response.body());
        response.headers()
            .firstValue("Location")
            .ifPresent(location -> get(location.replaceFirst("^https?://[^/]+", "")));
        return response;
    }

    private String wizard(String name, String keyId, String secret) {
        var started = console.get(BASE);
        var matcher = DRAFT.matcher(started.headers().firstValue("Location").orElseThrow());
        assertThat(matcher.find()).isTrue();
        String wizard = BASE + "/" + matcher.group(1);
        get(wizard + "/name");
        post(wizard + "/name", CreationRules.NAME, name);
        post(wizard + "/connectivity", CreationRules.CONNECTIVITY, "PUBLIC_ENDPOINT");
        // An invalid endpoint first: the step comes back without the secret.
        post(wizard + "/proxy", CreationRules.ENDPOINT, "ftp://nope", CreationRules.PATH, "/tenant-b/kms/xks/v1",
                CreationRules.ACCESS_KEY_ID, keyId, CreationRules.SECRET, secret);
        post(wizard + "/proxy", CreationRules.ENDPOINT, "https://xks-public.sandbox.example.com", CreationRules.PATH,
                "/tenant-b/kms/xks/v1", CreationRules.ACCESS_KEY_ID, keyId, CreationRules.SECRET, secret);
        var review = get(wizard + "/review");
        var token = TOKEN.matcher(review.body());
        assertThat(token.find()).isTrue();
        post(wizard + "/create", "formToken", token.group(1), "overrideReason", "secret test");
        return wizard;
    }

    private String everyRow() {
        var text = new StringBuilder();
        var tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'PUBLIC'")
            .query(String.class)
            .list();
        for (String table : tables) {
            if (table.toLowerCase(java.util.Locale.ROOT).startsWith("sandbox_")) {
                continue; // the sandbox plays KMS, which keeps the secret as KMS does
            }
            jdbc.sql("select * from \"" + table + "\"").query(rs -> {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    text.append(rs.getString(i)).append('|');
                }
            });
        }
        return text.toString();
    }

    @Test
    void theSecretOfARefusedAndOfACreatedStoreIsNeitherRenderedLoggedNorStored(CapturedOutput output) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String refused = Base64.getEncoder().encodeToString(random);

        wizard("ekm-secret-" + UUID.randomUUID().toString().substring(0, 8), "SANDBOXLABKEYIDZZ23456", refused);
        String created = "ekm-secret-" + UUID.randomUUID().toString().substring(0, 8);
        wizard(created, SeededKeyStores.TENANT_B_KEY, SeededKeyStores.TENANT_B_SECRET);

        assertThat(kms.describeCustomKeyStores(r -> r.limit(100)).customKeyStores())
            .anyMatch(store -> created.equals(store.customKeyStoreName()));
        assertThat(pages).hasSizeGreaterThan(10)
            .noneMatch(page -> page.contains(refused))
            .noneMatch(page -> page.contains(SeededKeyStores.TENANT_B_SECRET));
        assertThat(output.getAll()).doesNotContain(refused).doesNotContain(SeededKeyStores.TENANT_B_SECRET);
        assertThat(everyRow()).contains(created)
            .doesNotContain(refused)
            .doesNotContain(SeededKeyStores.TENANT_B_SECRET);
    }

}
