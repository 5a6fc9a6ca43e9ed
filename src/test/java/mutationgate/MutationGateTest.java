package mutationgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's arithmetic: which mutants count for which score, and when the build fails.
 */
class MutationGateTest {

    private static final String MUTATORS = "org.pitest.mutationtest.engine.gregor.mutators.";

    private static final String DEFAULT_MUTATOR = MUTATORS + "MathMutator";

    private static final String STRONGER_ONLY_MUTATOR = MUTATORS + "RemoveConditionalMutator_EQUAL_IF";

    @TempDir
    Path directory;

    private final List<String> mutations = new ArrayList<>();

    /** Every area gets {@code killed} of {@code total} mutants of {@code mutator}. */
    private void everyArea(String mutator, int killed, int total) {
        MutationGate.AREAS.values().forEach((classes) -> mutants(classes.get(0), mutator, killed, total));
    }

    private void mutants(String mutatedClass, String mutator, int killed, int total) {
        for (int i = 0; i < total; i++) {
            boolean detected = i < killed;
            this.mutations.add("""
                    <mutation detected='%s' status='%s' numberOfTestsRun='1'>
                    <sourceFile>X.java</sourceFile><mutatedClass>%s</mutatedClass><mutatedMethod>m</mutatedMethod>
                    <lineNumber>1</lineNumber><mutator>%s</mutator><description>d</description></mutation>
                    """.formatted(detected, detected ? "KILLED" : "SURVIVED", mutatedClass, mutator));
        }
    }

    private MutationGate.Result score() throws Exception {
        Path report = this.directory.resolve("mutations.xml");
        Files.writeString(report, "<?xml version='1.0' encoding='UTF-8'?><mutations partial='false'>"
                + String.join("", this.mutations) + "</mutations>");
        return MutationGate.score(report, 90, 85);
    }

    /** Exactly at both thresholds every area passes. */
    @Test
    void anAreaExactlyAtBothThresholdsPasses() throws Exception {
        everyArea(DEFAULT_MUTATOR, 9, 10);
        everyArea(STRONGER_ONLY_MUTATOR, 8, 10);

        var result = score();

        assertThat(result.failures()).isEmpty();
        assertThat(result.table()).contains("| KMS rules | 10 | 90.0 % | 20 | 85.0 % |");
    }

    /** One default mutant fewer killed than 90 % fails the default score only. */
    @Test
    void oneKilledMutantBelowTheDefaultThresholdFailsTheBuild() throws Exception {
        everyArea(DEFAULT_MUTATOR, 9, 10);
        everyArea(STRONGER_ONLY_MUTATOR, 8, 10);
        mutants("com.cksconsole.kms.KmsField", DEFAULT_MUTATOR, 0, 1);

        var result = score();

        assertThat(result.failures()).containsExactly(
                "KMS rules: default score 81.8 % is below 90 % (9 of 11 mutants killed)",
                "KMS rules: STRONGER score 81.0 % is below 85 % (17 of 21 mutants killed)");
    }

    /** STRONGER-only survivors lower the STRONGER score but not the default one. */
    @Test
    void survivorsOfTheStrongerOnlyMutatorsCountForTheStrongerScoreAlone() throws Exception {
        everyArea(DEFAULT_MUTATOR, 10, 10);
        everyArea(STRONGER_ONLY_MUTATOR, 6, 10);

        var result = score();

        assertThat(result.failures()).hasSize(MutationGate.AREAS.size())
            .allSatisfy((failure) -> assertThat(failure).contains("STRONGER score 80.0 % is below 85 %"));
    }

    /** A nested class counts with its outer class; a class in no area fails the gate. */
    @Test
    void nestedClassesCountWithTheirOuterClassAndAClassOutsideEveryAreaFails() throws Exception {
        everyArea(DEFAULT_MUTATOR, 10, 10);
        mutants("com.cksconsole.keystore.UpdatePolicy$UpdatableProperties", DEFAULT_MUTATOR, 0, 1);
        mutants("com.cksconsole.somewhere.Else", DEFAULT_MUTATOR, 1, 1);

        var result = score();

        assertThat(result.failures())
            .containsExactly("com.cksconsole.somewhere.Else was mutated but belongs to no area in MutationGate.AREAS");
        assertThat(result.table()).contains("| KMS rules | 11 | 90.9 % | 11 | 90.9 % |");
    }

    /**
     * An area with no mutant at all (a class dropped from pit.classes) fails rather than
     * passing empty.
     */
    @Test
    void anAreaWithoutMutantsFails() throws Exception {
        mutants("com.cksconsole.kms.KmsField", DEFAULT_MUTATOR, 1, 1);

        var result = score();

        assertThat(result.failures())
            .contains("sign-in throttle: no mutant was generated (is the area in pit.targetClasses?)");
    }

}
