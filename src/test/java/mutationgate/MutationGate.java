package mutationgate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;

/**
 * The mutation-testing gate (docs/mutation-testing.md), run by
 * {@code ./mvnw -Pmutation verify} after PIT.
 * <p>
 * PIT runs once with its STRONGER mutators. Its DEFAULTS group is a subset of STRONGER
 * (PIT 1.30: STRONGER is DEFAULTS plus EXPERIMENTAL_SWITCH, REMOVE_CONDITIONALS_ORDER_IF
 * and REMOVE_CONDITIONALS_EQUAL_IF), and a mutant is killed or not whatever else was
 * generated, so the default score is read off the same run: the mutants of the default
 * mutators alone. Each area must reach both thresholds; a mutated class outside every
 * area fails the gate too, so the list here and {@code pit.targetClasses} in the POM
 * cannot drift apart.
 */
public final class MutationGate {

    /** The mutators STRONGER adds to DEFAULTS, as PIT names them in mutations.xml. */
    private static final Set<String> STRONGER_ONLY = Set.of(
            "org.pitest.mutationtest.engine.gregor.mutators.experimental.SwitchMutator",
            "org.pitest.mutationtest.engine.gregor.mutators.RemoveConditionalMutator_ORDER_IF",
            "org.pitest.mutationtest.engine.gregor.mutators.RemoveConditionalMutator_EQUAL_IF");

    /**
     * The areas of issue #22, each a list of top-level classes (nested classes count with
     * their outer class).
     */
    static final Map<String, List<String>> AREAS = areas();

    private MutationGate() {
    }

    private static Map<String, List<String>> areas() {
        Map<String, List<String>> areas = new LinkedHashMap<>();
        areas.put("KMS rules",
                List.of("com.cksconsole.keystore.UpdatePolicy", "com.cksconsole.keystore.UpdatableProperty",
                        "com.cksconsole.keystore.StateRequirement", "com.cksconsole.kms.KmsField"));
        areas.put("proxy configuration parser", List.of("com.cksconsole.proxyconfig.ProxyConfigurationParser",
                "com.cksconsole.proxyconfig.ProxyConfigurationReader"));
        areas.put("audit chain and verifiers", List.of("com.cksconsole.audit.ChainVerifier",
                "com.cksconsole.audit.CanonicalForm", "com.cksconsole.audit.AuditExportVerifier"));
        areas.put("sign-in throttle", List.of("com.cksconsole.security.SignInThrottle"));
        areas.put("secret fingerprinting",
                List.of("com.cksconsole.audit.SecretFingerprinter", "com.cksconsole.audit.FingerprintKey"));
        areas.put("authorization decisions",
                List.of("com.cksconsole.security.TargetRights", "com.cksconsole.security.TargetAuthorization",
                        "com.cksconsole.security.GrantedTargetPermissions",
                        "com.cksconsole.security.accounts.GroupRoles", "com.cksconsole.security.SessionRightsFilter"));
        return areas;
    }

    /**
     * Arguments: PIT's mutations.xml, the default threshold, the STRONGER threshold
     * (percent), and the Markdown file to write the figures to. Exits with status 1 below
     * a threshold.
     */
    public static void main(String[] args) throws Exception {
        Path report = Path.of(args[0]);
        int defaultThreshold = Integer.parseInt(args[1]);
        int strongerThreshold = Integer.parseInt(args[2]);
        Path summary = Path.of(args[3]);
        var result = score(report, defaultThreshold, strongerThreshold);
        Files.writeString(summary, result.table());
        System.out.println(result.table());
        if (!result.failures().isEmpty()) {
            // exec:java runs in Maven's JVM: an exception fails the build, System.exit
            // would end Maven itself.
            throw new IllegalStateException("mutation gate failed:\n  " + String.join("\n  ", result.failures()));
        }
    }

    static Result score(Path report, int defaultThreshold, int strongerThreshold) throws Exception {
        Map<String, Score> defaults = new LinkedHashMap<>();
        Map<String, Score> stronger = new LinkedHashMap<>();
        AREAS.keySet().forEach((area) -> {
            defaults.put(area, new Score());
            stronger.put(area, new Score());
        });
        List<String> failures = new ArrayList<>();
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        var mutations = document.getElementsByTagName("mutation");
        for (int i = 0; i < mutations.getLength(); i++) {
            var mutation = (Element) mutations.item(i);
            String mutatedClass = text(mutation, "mutatedClass");
            String area = areaOf(mutatedClass);
            if (area == null) {
                failures.add(mutatedClass + " was mutated but belongs to no area in MutationGate.AREAS");
                continue;
            }
            boolean killed = "true".equals(mutation.getAttribute("detected"));
            stronger.get(area).add(killed);
            if (!STRONGER_ONLY.contains(text(mutation, "mutator"))) {
                defaults.get(area).add(killed);
            }
        }
        var table = new StringBuilder(
                "| area | mutants (default) | score (default) | mutants (STRONGER) | score (STRONGER) |\n"
                        + "|---|---|---|---|---|\n");
        for (String area : AREAS.keySet()) {
            Score d = defaults.get(area);
            Score s = stronger.get(area);
            table.append("| %s | %d | %s | %d | %s |%n".formatted(area, d.total, d.percent(), s.total, s.percent()));
            check(failures, area, "default", d, defaultThreshold);
            check(failures, area, "STRONGER", s, strongerThreshold);
        }
        return new Result(table.toString(), failures);
    }

    private static void check(List<String> failures, String area, String mutators, Score score, int threshold) {
        if (score.total == 0) {
            failures.add(area + ": no mutant was generated (is the area in pit.targetClasses?)");
        }
        else if (score.killed * 100 < threshold * score.total) {
            failures.add("%s: %s score %s is below %d %% (%d of %d mutants killed)".formatted(area, mutators,
                    score.percent(), threshold, score.killed, score.total));
        }
    }

    static String areaOf(String mutatedClass) {
        String topLevel = mutatedClass.contains("$") ? mutatedClass.substring(0, mutatedClass.indexOf('$'))
                : mutatedClass;
        for (var area : AREAS.entrySet()) {
            if (area.getValue().contains(topLevel)) {
                return area.getKey();
            }
        }
        return null;
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
    }

    record Result(String table, List<String> failures) {
    }

    private static final class Score {

        int total;

        int killed;

        void add(boolean wasKilled) {
            this.total++;
            if (wasKilled) {
                this.killed++;
            }
        }

        String percent() {
            return (this.total == 0) ? "n/a" : "%.1f %%".formatted(this.killed * 100.0 / this.total);
        }

    }

}
