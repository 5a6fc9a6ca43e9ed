package com.cksconsole;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import com.cksconsole.keystore.internal.KmsGateway;

import software.amazon.awssdk.services.kms.KmsClient;

/** The package boundaries of DEVELOPERS.md, checked on the compiled main classes. */
class ArchitectureTest {

    /**
     * The packages that may call KMS: the keystore module's internals (not its facades'
     * callers, not its pages, not the guided change engine).
     */
    private static final String[] KMS_CALLERS = { "com.cksconsole.keystore.internal", "com.cksconsole.keys.internal",
            "com.cksconsole.health.credentials.internal" };

    /**
     * Classes that Spring AOT generates ({@code ./mvnw -Paot package} writes
     * {@code X__BeanDefinitions} and CGLIB proxies into target/classes;
     * docs/production.md "A faster start"): they wire every module at once by design and
     * are not the code these boundaries are about.
     */
    private static final ImportOption NOT_AOT_GENERATED = location -> !location.contains("__")
            && !location.contains("$$SpringCGLIB$$");

    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(NOT_AOT_GENERATED)
        .importPackages("com.cksconsole");

    @Test
    void nothingOutsideTheSandboxDependsOnIt() {
        noClasses().that()
            .resideOutsideOfPackage("com.cksconsole.sandbox..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.cksconsole.sandbox..")
            .check(MAIN);
    }

    @Test
    void theDomainDoesNotDependOnTheWebLayer() {
        noClasses().that()
            .resideInAnyPackage("com.cksconsole.keystore", "com.cksconsole.keystore.internal")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..web..", "org.springframework.web..", "org.springframework.ui..")
            .check(MAIN);
    }

    @Test
    void theXksClientKnowsNothingOfTheConsoleOrTheSandbox() {
        noClasses().that()
            .resideInAPackage("com.cksconsole.xks..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.cksconsole.keystore..", "com.cksconsole.sandbox..", "com.cksconsole.security..")
            .check(MAIN);
    }

    @Test
    void theKmsVocabularyDependsOnNoOtherConsolePackage() {
        noClasses().that()
            .resideInAPackage("com.cksconsole.kms..")
            .should()
            .dependOnClassesThat(
                    resideInAPackage("com.cksconsole..").and(resideOutsideOfPackage("com.cksconsole.kms..")))
            .andShould()
            .dependOnClassesThat()
            .resideOutsideOfPackages("com.cksconsole.kms..", "java..", "org.jspecify..")
            .check(MAIN);
    }

    @Test
    void theProxyConfigurationImportKnowsNothingOfTheKeyStorePages() {
        noClasses().that()
            .resideInAPackage("com.cksconsole.proxyconfig..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.cksconsole.keystore..", "com.cksconsole.sandbox..", "com.cksconsole.security..")
            .check(MAIN);
    }

    /**
     * KMS is reached only through the keystore module's facades, whose implementation
     * audits and locks every change: a controller, a guided step or another feature that
     * called KMS itself could bypass both. The internal package holds the one gateway and
     * the per-target client registry that builds each {@link KmsClient}. The keys
     * module's implementation calls KMS for the keys of a store through
     * {@link com.cksconsole.keystore.TargetKmsCalls} (the same per-target clients), and
     * audits every key change itself. The monitoring credentials' KMS key-encryption key
     * (GenerateDataKey, Encrypt, Decrypt of data keys, no change to any store) does the
     * same.
     */
    @Test
    void onlyTheKeyStoreDomainTalksToKms() {
        noClasses().that()
            .resideOutsideOfPackages(KMS_CALLERS)
            .and()
            .doNotHaveFullyQualifiedName(com.cksconsole.keystore.TargetKmsCalls.class.getName())
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(KmsClient.class)
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName(KmsGateway.class.getName())
            .check(MAIN);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("com.cksconsole.(*)..").should().beFreeOfCycles().check(MAIN);
    }

}
