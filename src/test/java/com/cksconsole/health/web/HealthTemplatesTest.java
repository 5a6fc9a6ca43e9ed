package com.cksconsole.health.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The health templates work under the console's CSP (no {@code unsafe-inline}): no
 * {@code style} attribute (the SVG graphs take their colours from classes and
 * presentation attributes), no {@code <style>} element, no inline script or event
 * handler.
 */
class HealthTemplatesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates/health");

    @Test
    void noTemplateHasInlineStylesOrScripts() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            templates = files.filter(file -> file.toString().endsWith(".html")).toList();
        }
        assertThat(templates).hasSizeGreaterThanOrEqualTo(4);
        for (Path template : templates) {
            String html = Files.readString(template);
            assertThat(html).as(template.toString())
                .doesNotContainPattern("(?i)\\sstyle\\s*=")
                .doesNotContainPattern("(?i)th:style")
                .doesNotContainPattern("(?i)<style")
                .doesNotContainPattern("(?i)<script")
                .doesNotContainPattern("(?i)\\son[a-z]+\\s*=");
        }
    }

}
