package com.cksconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module boundaries, verified by Spring Modulith: every top-level package of
 * {@code com.cksconsole} is a module; other modules may use only its base package (and
 * its named interfaces), never its sub-packages; no cycles. The second test regenerates
 * the C4 diagrams (PlantUML sources and SVG renderings) and the module canvases in
 * {@code docs/architecture/} that {@code docs/architecture.md} shows; {@code .ci/run}
 * fails when the regenerated files differ from the committed ones, so the pictures never
 * lie about the code.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(ConsoleApplication.class);

    static final Path GENERATED = Path.of("target", "spring-modulith-docs");

    static final Path COMMITTED = Path.of("docs", "architecture");

    @Test
    void modulesKeepTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDiagramsAndCanvases() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
            .writeModulesAsPlantUml()
            .writeIndividualModulesAsPlantUml()
            .writeModuleCanvases();

        Files.createDirectories(COMMITTED);
        List<Path> generated = files(GENERATED);
        for (Path file : generated) {
            Path committed = COMMITTED.resolve(file.getFileName());
            if (!sameLinesInAnyOrder(file, committed)) {
                Files.copy(file, committed, StandardCopyOption.REPLACE_EXISTING);
                if (file.toString().endsWith(".puml")) {
                    renderSvg(committed);
                }
            }
        }
        for (Path stale : files(COMMITTED)) {
            String name = stale.getFileName().toString();
            boolean fromDiagram = name.endsWith(".svg")
                    && Files.exists(GENERATED.resolve(name.replace(".svg", ".puml")));
            if (!fromDiagram && !Files.exists(GENERATED.resolve(name))) {
                Files.delete(stale);
            }
        }
        assertThat(COMMITTED.resolve("components.svg")).exists();
        assertThat(generated).hasSizeGreaterThan(MODULES.stream().toList().size());
    }

    /**
     * The Documenter writes some relations in hash order, so two runs on the same code
     * may differ only in the order of lines: such a file is left as committed. In the
     * module canvases the first item of a list also opens its table cell ({@code |* x}),
     * so which item carries the {@code |} moves with the order and is not compared.
     */
    private static boolean sameLinesInAnyOrder(Path generated, Path committed) throws IOException {
        if (!Files.exists(committed)) {
            return false;
        }
        return linesInOrder(generated).equals(linesInOrder(committed));
    }

    private static List<String> linesInOrder(Path file) throws IOException {
        return Files.readAllLines(file)
            .stream()
            .map(line -> line.startsWith("|* ") ? line.substring(1) : line)
            .sorted()
            .toList();
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
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
