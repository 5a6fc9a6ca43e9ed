package com.cksconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Keeps docs/configuration.md in step with the configuration metadata that the build
 * generates from the {@code @ConfigurationProperties} classes: every {@code console.*}
 * property is documented, and every property the page names exists (a name ending in "."
 * names a group, or the entries of a map property, and must prefix at least one property
 * or be a map property itself).
 */
class ConfigurationReferenceTest {

    private static final Pattern METADATA_NAME = Pattern.compile("\"name\"\\s*:\\s*\"(console\\.[^\"]+)\"");

    private static final Pattern DOCUMENTED_NAME = Pattern.compile("`(console\\.[a-z0-9.\\-]+)");

    @Test
    void everyConsolePropertyIsDocumented() throws IOException {
        String reference = reference();

        assertThat(properties()).isNotEmpty()
            .allSatisfy(name -> assertThat(reference).as("docs/configuration.md names %s", name).contains("`" + name));
    }

    @Test
    void everyDocumentedPropertyExists() throws IOException {
        Set<String> properties = properties();
        Set<String> documented = new TreeSet<>();
        DOCUMENTED_NAME.matcher(reference()).results().forEach(match -> documented.add(match.group(1)));

        assertThat(documented).isNotEmpty()
            .allSatisfy(name -> assertThat(
                    name.endsWith(".") ? properties.stream().anyMatch(property -> (property + ".").startsWith(name))
                            : properties.contains(name))
                .as("%s is a property (or a prefix of one) in the configuration metadata", name)
                .isTrue());
    }

    private static Set<String> properties() throws IOException {
        try (InputStream metadata = ConfigurationReferenceTest.class
            .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(metadata).as("the generated configuration metadata").isNotNull();
            String json = new String(metadata.readAllBytes(), StandardCharsets.UTF_8);
            Set<String> names = new TreeSet<>();
            METADATA_NAME.matcher(json).results().forEach(match -> names.add(match.group(1)));
            return names;
        }
    }

    private static String reference() throws IOException {
        return Files.readString(Path.of("docs", "configuration.md"));
    }

}
