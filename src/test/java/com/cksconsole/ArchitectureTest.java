package com.cksconsole;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The package boundaries of DEVELOPERS.md, checked on the compiled main classes. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.cksconsole");

    @Test
    void nothingOutsideTheSandboxDependsOnIt() {
        noClasses().that().resideOutsideOfPackage("com.cksconsole.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("com.cksconsole.sandbox..")
                .check(MAIN);
    }

    @Test
    void theDomainDoesNotDependOnTheWebLayer() {
        noClasses().that().resideInAPackage("com.cksconsole.keystore")
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "org.springframework.web..",
                        "org.springframework.ui..")
                .check(MAIN);
    }

    @Test
    void theXksClientKnowsNothingOfTheConsoleOrTheSandbox() {
        noClasses().that().resideInAPackage("com.cksconsole.xks..")
                .should().dependOnClassesThat().resideInAnyPackage("com.cksconsole.keystore..",
                        "com.cksconsole.sandbox..", "com.cksconsole.security..")
                .check(MAIN);
    }

    @Test
    void theKmsVocabularyDependsOnNoOtherConsolePackage() {
        noClasses().that().resideInAPackage("com.cksconsole.kms..")
                .should().dependOnClassesThat().resideInAnyPackage("com.cksconsole..")
                .andShould().dependOnClassesThat().resideOutsideOfPackages("com.cksconsole.kms..", "java..",
                        "org.jspecify..")
                .check(MAIN);
    }

    @Test
    void theProxyConfigurationImportKnowsNothingOfTheKeyStorePages() {
        noClasses().that().resideInAPackage("com.cksconsole.proxyconfig..")
                .should().dependOnClassesThat().resideInAnyPackage("com.cksconsole.keystore..",
                        "com.cksconsole.sandbox..", "com.cksconsole.security..")
                .check(MAIN);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("com.cksconsole.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
