package com.cksconsole;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries, verified by Spring Modulith: every top-level package of {@code com.cksconsole} is a
 * module; other modules may use only its base package (and its named interfaces), never its sub-packages; no
 * cycles. The second test regenerates the C4 diagrams (PlantUML sources and SVG renderings) and the module
 * canvases in {@code docs/architecture/} that {@code docs/architecture.md} shows; {@code .ci/run} fails when the
 * regenerated files differ from the committed ones, so the pictures never lie about the code.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(ConsoleApplication.class);

    static final Path OUTPUT = Path.of("docs", "architecture");

    @Test
    void modulesKeepTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDiagramsAndCanvases() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(OUTPUT.toString()))
            .writeModulesAsPlantUml()
            .writeIndividualModulesAsPlantUml()
            .writeModuleCanvases();

        List<Path> diagrams = pumlFiles();
        for (Path diagram : diagrams) {
            renderSvg(diagram);
        }
        assertThat(OUTPUT.resolve("components.svg")).exists();
        assertThat(diagrams).hasSizeGreaterThan(MODULES.stream().toList().size());
    }

    private static List<Path> pumlFiles() throws IOException {
        try (Stream<Path> files = Files.list(OUTPUT)) {
            return files.filter(file -> file.toString().endsWith(".puml")).sorted().toList();
        }
    }

    private static void renderSvg(Path diagram) throws IOException {
        String source = Files.readString(diagram);
        Path svg = diagram.resolveSibling(diagram.getFileName().toString().replace(".puml", ".svg"));
        try (OutputStream out = Files.newOutputStream(svg)) {
            new SourceStringReader(source).outputImage(out, new FileFormatOption(FileFormat.SVG));
        }
    }
}
