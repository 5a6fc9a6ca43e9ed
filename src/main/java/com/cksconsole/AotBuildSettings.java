package com.cksconsole;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.lang.model.element.Modifier;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.javapoet.CodeBlock;

/**
 * The settings whose value decides at build time which beans a Spring AOT-processed jar
 * holds, and the check that an AOT start uses the values it was built with.
 * <p>
 * Spring AOT evaluates conditions once, when {@code process-aot} runs: "Environment
 * properties that impact the presence of a bean (@Conditional) are only considered at
 * build time" (Spring Framework reference, "Ahead of Time Optimizations"). A jar built
 * for sandbox mode and started with {@code console.kms.mode=aws} would still serve the
 * sandbox's simulated KMS; one built without a scrape token would ignore a token given at
 * start. So the build records these settings in the generated initializer
 * ({@link #processAheadOfTime}), and with {@code -Dspring.aot.enabled=true} the start
 * stops before any bean is made when they differ ({@link #verify}). A plain start
 * ({@code spring.aot.enabled} unset) never runs the generated code and is not affected.
 * Registered in {@code META-INF/spring/aot.factories}; docs/production.md "A faster
 * start". Public because the generated initializer calls {@link #verify}.
 */
public final class AotBuildSettings implements BeanFactoryInitializationAotProcessor {

    static final String KMS_MODE = "console.kms.mode";

    static final String SCRAPE_TOKEN = "console.metrics.scrape-token";

    static final String KEK_ROTATE = "console.health.credentials.rotate";

    /**
     * What each setting decides, in the words of the conditions that read it: the mode
     * ({@code @ConditionalOnSandboxMode}: sandbox when missing, compared ignoring case),
     * whether a scrape token is set (never its value), and whether the key-encryption key
     * rotation command runs.
     */
    static Map<String, String> of(Environment environment) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(KMS_MODE, environment.getProperty(KMS_MODE, "sandbox").toLowerCase(Locale.ROOT));
        settings.put(SCRAPE_TOKEN, environment.getProperty(SCRAPE_TOKEN, "").isBlank() ? "not set" : "set");
        settings.put(KEK_ROTATE, String.valueOf("true".equalsIgnoreCase(environment.getProperty(KEK_ROTATE))));
        return settings;
    }

    /**
     * Called by the AOT-generated initializer: fails when this start's settings differ
     * from those the jar was processed with.
     * @param built the settings at build time, as key, value, key, value...
     */
    public static void verify(Environment environment, String... built) {
        Map<String, String> now = of(environment);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i + 1 < built.length; i += 2) {
            String key = built[i];
            String atBuild = built[i + 1];
            String atStart = now.get(key);
            if (!atBuild.equals(atStart)) {
                differences.add(key + " is " + atStart + " here but was " + atBuild + " when the jar was built");
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("This jar's Spring AOT bean definitions do not fit this start ("
                    + String.join("; ", differences) + "). Spring AOT fixes at build time the beans these "
                    + "settings choose. Start it without -Dspring.aot.enabled=true, or build it for these settings "
                    + "(./mvnw -Paot package -Daot.kms-mode=..., docs/production.md \"A faster start\").");
        }
    }

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        Map<String, String> built = of(beanFactory.getBean(Environment.class));
        return (generationContext, code) -> {
            CodeBlock.Builder arguments = CodeBlock.builder().add("environment");
            built.forEach((key, value) -> arguments.add(", $S, $S", key, value));
            var method = code.getMethods()
                .add("verifyAotBuildSettings",
                        (m) -> m.addJavadoc("Stops an AOT start whose settings differ from the build's.")
                            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                            .addParameter(Environment.class, "environment")
                            .addStatement("$T.verify($L)", AotBuildSettings.class, arguments.build()));
            code.addInitializer(method.toMethodReference());
        };
    }

}
