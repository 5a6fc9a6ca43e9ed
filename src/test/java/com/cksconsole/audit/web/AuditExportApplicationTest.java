package com.cksconsole.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import com.cksconsole.audit.AuditExportVerifier;
import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTestEvents;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.keystore.KeyStoreAuditAction;
import com.cksconsole.audit.AuditLogAction;

import tools.jackson.databind.json.JsonMapper;

/**
 * Exports over real HTTP (streamed responses need a real server): CSV and JSON Lines
 * downloads, the chain re-verified from the download, and no secret in any event, log
 * line, page or export.
 */
@ConsoleApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class AuditExportApplicationTest {

    static final String KEY_STORE_PASSWORD = "PaymentsDr77";
    static final String RAW_SECRET = "bkxpr9IULpS3jrozWj+U+JWjlOlKWWt8sf+7wovtFtQ=";

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditLog auditLog;

    void recordChangesWithSecrets() {
        SecurityContextHolder.getContext()
            .setAuthentication(new TestingAuthenticationToken("export-operator", null, "ROLE_OPERATOR"));
        try {
            trail
                .begin(AuditIntent
                    .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE,
                            AuditTarget.keyStore("us-east-1", "111122223333", "cks-export-1", "payments-hsm-dr"))
                    .with(trail.secretReplaced("KeyStorePassword", KEY_STORE_PASSWORD))
                    .reason("=cmd|' /C calc'!A0")
                    .build())
                .succeeded("kms-export-1");
            trail
                .begin(AuditIntent
                    .of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE,
                            AuditTarget.keyStore("us-east-1", "111122223333", "cks-export-2", "ekm-private-vpc"))
                    .changed("XksProxyUriEndpoint", "https://xks-private.sandbox.example.com",
                            "https://xks-lab.sandbox.example.com")
                    .with(trail.secretReplaced("XksProxyAuthenticationCredential.RawSecretAccessKey", RAW_SECRET))
                    .build())
                .failed("XksProxyInvalidConfigurationException", "The proxy refused", "kms-export-2", null);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aJsonLinesDownloadOfTheWholeLogVerifiesOutsideTheConsoleWithThePublicKeyAlone(CapturedOutput output)
            throws Exception {
        recordChangesWithSecrets();
        var admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        admin.get("/audit/verify");
        assertThat(admin.postForm("/audit/checkpoint", Map.of()).statusCode()).isEqualTo(302);
        var checkpoint = auditLog.latestCheckpoint().orElseThrow();
        assertThat(output.getAll()).as("the AUDIT log holds a second copy of the checkpoint")
            .contains("\"signature\":\"" + checkpoint.signature() + "\"");
        String publicKey = admin.get("/audit/checkpoint-key").body();

        var response = admin.get("/audit/export?format=jsonl");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
        assertThat(response.headers().firstValue("Content-Disposition"))
            .hasValueSatisfying(disposition -> assertThat(disposition)
                .matches("attachment; filename=\"audit-\\d{8}T\\d{6}Z\\.jsonl\""));

        var mapper = JsonMapper.builder().build();
        var lines = response.body().lines().toList();
        assertThat(mapper.readTree(lines.get(0)).get("type").asString()).isEqualTo("cks-audit-checkpoint");
        assertThat(mapper.readTree(lines.get(0)).get("seq").asLong()).isEqualTo(checkpoint.seq());
        var events = lines.subList(1, lines.size());
        assertThat(events).isNotEmpty().allSatisfy(line -> assertThat(mapper.readTree(line).has("link")).isTrue());
        assertThat(mapper.readTree(events.get(0)).get("seq").asLong()).isEqualTo(1);

        var result = AuditExportVerifier.verify(new StringReader(response.body()),
                new AuditExportVerifier.Options(true, AuditExportVerifier.publicKey(publicKey), null),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(result.intact()).as(result.message()).isTrue();
        assertThat(result.events()).isEqualTo(events.size());
        assertThat(result.checkpoint()).contains("up to event " + checkpoint.seq(), "(signature valid)");
        assertThat(response.body()).doesNotContain(KEY_STORE_PASSWORD, RAW_SECRET);
    }

    @Test
    void anExportOfAnAccountAndRegionHoldsOnlyTheirEntriesAndItsEventNamesThem() {
        SecurityContextHolder.getContext()
            .setAuthentication(new TestingAuthenticationToken("export-operator", null, "ROLE_OPERATOR"));
        try {
            for (var target : java.util.List.of(AuditTarget.keyStore("eu-central-1", "777788889999", "cks-exp-eu", "a"),
                    AuditTarget.keyStore("us-west-2", "777788889999", "cks-exp-us", "b"))) {
                trail.begin(AuditIntent.of(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE, target).build())
                    .succeeded("kms-" + target.storeId());
            }
        }
        finally {
            SecurityContextHolder.clearContext();
        }
        var admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);

        var response = admin.get("/audit/export?format=csv&account=777788889999&region=eu-central-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("cks-exp-eu").doesNotContain("cks-exp-us");
        var exports = AuditTestEvents.of(auditLog, "admin", AuditLogAction.EXPORT_AUDIT_LOG);
        assertThat(exports.get(0).details()).extracting(p -> p.name() + "=" + p.value())
            .anySatisfy(detail -> assertThat(detail).contains("account=777788889999, region=eu-central-1"));
    }

    @Test
    void aCsvDownloadOfASearchHoldsTheMatchingEntriesWithFormulasNeutralised() {
        recordChangesWithSecrets();
        var admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);

        var response = admin.get("/audit/export?format=csv&store=cks-export-1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        var rows = response.body().split("\r\n");
        assertThat(rows[0]).startsWith("seq,prev_hash,event_id,kind,entry_seq");
        assertThat(rows).filteredOn(row -> row.contains("cks-export-1")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(rows).noneMatch(row -> row.contains("cks-export-2"));
        assertThat(response.body()).contains("\"'=cmd|' /C calc'!A0\"")
            .doesNotContain(",\"=cmd")
            .doesNotContain(KEY_STORE_PASSWORD);

        var exports = AuditTestEvents.of(auditLog, "admin", AuditLogAction.EXPORT_AUDIT_LOG);
        assertThat(exports.get(0).details()).extracting(p -> p.name() + "=" + p.value())
            .containsExactly("format=CSV", "filter=store=cks-export-1");
    }

    @Test
    void anUnknownFormatOrABadSearchIsABadRequest() {
        var admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        assertThat(admin.get("/audit/export?format=xlsx").statusCode()).isEqualTo(400);
        assertThat(admin.get("/audit/export?format=csv&from=soon").statusCode()).isEqualTo(400);
    }

    @Test
    void noSecretReachesTheDatabaseTheLogThePagesOrTheExports(CapturedOutput output) {
        recordChangesWithSecrets();
        var admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        var entries = AuditTestEvents.of(auditLog, "export-operator");

        StringBuilder everything = new StringBuilder();
        everything.append(admin.get("/audit/export?format=jsonl").body());
        everything.append(admin.get("/audit/export?format=csv").body());
        everything.append(admin.get("/audit?actor=export-operator").body());
        for (var entry : entries) {
            everything.append(admin.get("/audit/" + entry.event().eventId()).body());
            everything.append(entry);
        }
        everything.append(output.getAll());

        assertThat(output.getAll()).contains("\"action\":\"UPDATE_CUSTOM_KEY_STORE\"", "\"kind\":\"SECRET_REPLACED\"");
        assertThat(everything.toString()).doesNotContain(KEY_STORE_PASSWORD, RAW_SECRET, RAW_SECRET.substring(0, 16));
    }

}
