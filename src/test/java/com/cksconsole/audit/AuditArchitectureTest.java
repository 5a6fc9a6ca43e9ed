package com.cksconsole.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The audit package depends on no other console package, so that every feature (key
 * stores, proxy configuration imports, users) can record into it without a cycle; and
 * nothing in it updates or deletes audit events (checked in the SQL of the one class that
 * writes).
 */
class AuditArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("com.cksconsole");

    @Test
    void theAuditPackageDependsOnNoOtherConsolePackage() {
        noClasses().that()
            .resideInAPackage("com.cksconsole.audit..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.cksconsole.keystore..", "com.cksconsole.security..", "com.cksconsole.sandbox..",
                    "com.cksconsole.xks..", "com.cksconsole.proxyconfig..", "com.cksconsole.home..",
                    "com.cksconsole.web..", "com.cksconsole.users..")
            .check(MAIN);
    }

    @Test
    void noSqlOfTheApplicationUpdatesOrDeletesAuditEvents() throws Exception {
        var sources = new StringBuilder();
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            for (var file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.append(java.nio.file.Files.readString(file).toLowerCase(java.util.Locale.ROOT));
            }
        }
        org.assertj.core.api.Assertions.assertThat(sources.toString())
            .doesNotContainPattern("update\\s+audit_event\\b")
            .doesNotContainPattern("delete\\s+from\\s+audit_event\\b")
            .doesNotContainPattern("truncate\\s+(table\\s+)?audit_event\\b");
    }

}
