package com.cksconsole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;

/**
 * The settings a Spring AOT build is made for (docs/production.md "A faster start"): the
 * build records them in the generated initializer, and an AOT start with other values
 * stops. The packaged jar's AOT start itself is checked by
 * benchmarks/startup/aot-smoke.sh.
 */
class AotBuildSettingsTest {

    private static final String[] SANDBOX_BUILD = { AotBuildSettings.KMS_MODE, "sandbox", AotBuildSettings.SCRAPE_TOKEN,
            "not set", AotBuildSettings.KEK_ROTATE, "false" };

    @Test
    void withNothingConfiguredTheSettingsAreSandboxModeNoScrapeTokenNoRotation() {
        assertThat(AotBuildSettings.of(new MockEnvironment())).containsExactly(
                entry(AotBuildSettings.KMS_MODE, "sandbox"), entry(AotBuildSettings.SCRAPE_TOKEN, "not set"),
                entry(AotBuildSettings.KEK_ROTATE, "false"));
    }

    @Test
    void aStartWithTheBuildsSettingsGoesOn() {
        assertThatNoException().isThrownBy(() -> AotBuildSettings.verify(new MockEnvironment(), SANDBOX_BUILD));
    }

    @Test
    void theModeIsComparedIgnoringCaseAsItsConditionDoes() {
        MockEnvironment start = new MockEnvironment().withProperty(AotBuildSettings.KMS_MODE, "SANDBOX");

        assertThatNoException().isThrownBy(() -> AotBuildSettings.verify(start, SANDBOX_BUILD));
    }

    @Test
    void aStartInAnotherModeStopsAndSaysWhatDiffersAndWhatToDo() {
        MockEnvironment start = new MockEnvironment().withProperty(AotBuildSettings.KMS_MODE, "aws");

        assertThatIllegalStateException().isThrownBy(() -> AotBuildSettings.verify(start, SANDBOX_BUILD))
            .withMessageContaining("console.kms.mode is aws here but was sandbox when the jar was built")
            .withMessageContaining("without -Dspring.aot.enabled=true")
            .withMessageContaining("-Paot");
    }

    @Test
    void aScrapeTokenGivenOnlyAtStartStopsItWithoutShowingTheToken() {
        String token = "scrape-token-of-the-aot-settings-test-0001";
        MockEnvironment start = new MockEnvironment().withProperty(AotBuildSettings.SCRAPE_TOKEN, token);

        assertThatIllegalStateException().isThrownBy(() -> AotBuildSettings.verify(start, SANDBOX_BUILD))
            .withMessageContaining("console.metrics.scrape-token is set here but was not set when the jar was built")
            .withMessageNotContaining(token);
    }

    @Test
    void aBlankScrapeTokenCountsAsNotSetAsInItsCondition() {
        MockEnvironment start = new MockEnvironment().withProperty(AotBuildSettings.SCRAPE_TOKEN, "   ");

        assertThatNoException().isThrownBy(() -> AotBuildSettings.verify(start, SANDBOX_BUILD));
    }

    @Test
    void theKeyRotationCommandAtStartStopsAJarBuiltWithoutIt() {
        MockEnvironment start = new MockEnvironment().withProperty(AotBuildSettings.KEK_ROTATE, "TRUE");

        assertThatIllegalStateException().isThrownBy(() -> AotBuildSettings.verify(start, SANDBOX_BUILD))
            .withMessageContaining("console.health.credentials.rotate is true here but was false");
    }

    @Test
    void everyDifferenceIsNamedAtOnce() {
        MockEnvironment start = new MockEnvironment().withProperty(AotBuildSettings.KMS_MODE, "aws")
            .withProperty(AotBuildSettings.KEK_ROTATE, "true");

        assertThatIllegalStateException().isThrownBy(() -> AotBuildSettings.verify(start, SANDBOX_BUILD))
            .withMessageContaining("console.kms.mode is aws")
            .withMessageContaining("console.health.credentials.rotate is true");
    }

    /**
     * Spring's AOT generator (what process-aot runs) finds the processor through
     * META-INF/spring/aot.factories and writes the build's settings into the generated
     * initializer, called before any bean definition is registered.
     */
    @Test
    void aotProcessingWritesTheBuildsSettingsIntoTheInitializer() throws IOException {
        MockEnvironment build = new MockEnvironment().withProperty(AotBuildSettings.KMS_MODE, "aws")
            .withProperty(AotBuildSettings.SCRAPE_TOKEN, "scrape-token-of-the-aot-settings-test-0002");
        InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
        DefaultGenerationContext generation = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get(AotBuildSettingsTest.class)), files);
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.setEnvironment(build);
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
        }
        generation.writeGeneratedContent();

        List<String> sources = new ArrayList<>();
        for (String path : files.getGeneratedFiles(Kind.SOURCE).keySet()) {
            sources.add(files.getGeneratedFileContent(Kind.SOURCE, path));
        }
        assertThat(String.join("\n", sources)).contains("AotBuildSettings.verify(environment, \"console.kms.mode\", "
                + "\"aws\", \"console.metrics.scrape-token\", \"set\", \"console.health.credentials.rotate\", \"false\")")
            .doesNotContain("scrape-token-of-the-aot-settings-test-0002");
    }

}
