package com.cksconsole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;

/**
 * The settings a Spring AOT build is made for (docs/production.md "A faster start"): the
 * build records them in the generated initializer, and an AOT start with other values
 * stops, checked in process down to the compiled initializer. The packaged jar's AOT
 * start (extracted, with a CDS archive) is checked by
 * benchmarks/startup/fast-start-smoke.sh, which CI runs.
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

        String sources = String.join("\n", generate(build).values());

        assertThat(sources)
            .contains("AotBuildSettings.verify(environment, \"console.kms.mode\", \"aws\", "
                    + "\"console.metrics.scrape-token\", \"set\", \"console.health.credentials.rotate\", \"false\")")
            .doesNotContain("scrape-token-of-the-aot-settings-test-0002");
    }

    /**
     * The AOT start itself, in process: the initializer generated for a sandbox build,
     * compiled and applied the way Spring Boot applies it with
     * {@code -Dspring.aot.enabled=true}, lets a sandbox start through and stops an aws
     * one.
     */
    @Test
    void theGeneratedInitializerLetsTheBuildsModeThroughAndStopsAnother(@TempDir Path dir) throws Exception {
        Path classes = compile(generate(new MockEnvironment()), dir);

        try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
                getClass().getClassLoader())) {
            @SuppressWarnings("unchecked")
            ApplicationContextInitializer<GenericApplicationContext> initializer = (ApplicationContextInitializer<GenericApplicationContext>) loader
                .loadClass(AotBuildSettingsTest.class.getName() + "__ApplicationContextInitializer")
                .getDeclaredConstructor()
                .newInstance();

            assertThatNoException().isThrownBy(() -> initializer.initialize(context(new MockEnvironment())));
            assertThatIllegalStateException()
                .isThrownBy(() -> initializer
                    .initialize(context(new MockEnvironment().withProperty(AotBuildSettings.KMS_MODE, "aws"))))
                .withMessageContaining("console.kms.mode is aws here but was sandbox when the jar was built");
        }
    }

    /** The Java sources Spring's AOT generator writes for an empty context, by path. */
    private static Map<String, String> generate(MockEnvironment build) throws IOException {
        InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
        DefaultGenerationContext generation = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get(AotBuildSettingsTest.class)), files);
        try (GenericApplicationContext context = context(build)) {
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
        }
        generation.writeGeneratedContent();
        Map<String, String> sources = new LinkedHashMap<>();
        for (String path : files.getGeneratedFiles(Kind.SOURCE).keySet()) {
            sources.put(path, files.getGeneratedFileContent(Kind.SOURCE, path));
        }
        return sources;
    }

    private static Path compile(Map<String, String> sources, Path dir) throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classpath()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = dir.resolve("sources").resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, arguments.toArray(String[]::new));
        assertThat(status).as("javac: %s", errors).isZero();
        return classes;
    }

    /**
     * Where the classes the generated code refers to come from (surefire's class path is
     * one manifest jar).
     */
    private static String classpath() throws Exception {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(AotBuildSettings.class, GenericApplicationContext.class,
                DefaultListableBeanFactory.class, Environment.class)) {
            entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static GenericApplicationContext context(MockEnvironment environment) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(environment);
        return context;
    }

}
