package com.cksconsole.keystore.guided;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;

/**
 * The message bundle the guided change's sentences come from, and the engine's wiring of
 * its steps.
 */
class GuidedMessagesTest {

    private final Sentences sentences = GuidedEngines.sentences();

    private static Properties bundle() throws IOException {
        var properties = new Properties();
        try (var in = Objects.requireNonNull(GuidedMessagesTest.class.getResourceAsStream("/messages.properties"))) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    /**
     * A lone apostrophe would silently swallow text and placeholders in MessageFormat.
     */
    @Test
    void everyMessageRendersAsWrittenWithApostrophesDoubled() throws IOException {
        var bundle = bundle();
        assertThat(bundle.stringPropertyNames()).isNotEmpty().allSatisfy(code -> {
            String written = bundle.getProperty(code);
            var args = new Object[] { "A0", "A1", "A2", "A3", "A4" };
            String expected = written.replace("''", "'");
            for (int i = 0; i < args.length; i++) {
                expected = expected.replace("{" + i + "}", (String) args[i]);
            }
            assertThat(sentences.render(Sentence.of(code, args))).as(code).isEqualTo(expected);
        });
    }

    @Test
    void everyExplainedUpdateRefusalHasItsWords() throws IOException {
        var bundle = bundle();
        assertThat(UpdateRefusalText.EXPLAINED)
            .allSatisfy(code -> assertThat(bundle).containsKey("guided.update.refusal." + code));
        assertThat(sentences.render(UpdateRefusalText
            .of(new KmsFailure(KmsFailureKind.REFUSED, "CloudHsmClusterNotRelatedException", null))))
            .isEqualTo("the cluster is not related to the key "
                    + "store's cluster (it must share its backup history) (CloudHsmClusterNotRelatedException)");
    }

    @Test
    void everyRunStatusStepNameAndStepStatusHasItsLabelInTheBundle() {
        assertThat(RunStatus.values()).extracting(RunStatus::label).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(StepName.values()).extracting(StepName::label).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(StepStatus.values()).extracting(StepStatus::label).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(RunStatus.NEEDS_SECRET.label()).isEqualTo("Needs the secret again");
        assertThat(StepName.WAIT_FOR_CONNECTED.label()).isEqualTo("Wait for CONNECTED");
        assertThat(StepStatus.PENDING.label()).isEqualTo("Not started");
    }

    @Test
    void nestedSentencesAreRenderedFirst() {
        assertThat(sentences
            .render(Sentence.of("guided.disconnect.notConnected.outcome", Sentence.of("guided.state.unknown"))))
            .isEqualTo("The key store is no longer CONNECTED as it was when "
                    + "the change was reviewed, so nothing was sent to KMS. Its current state is unknown: look at the key "
                    + "store's page.");
    }

    @Test
    void theEngineHasExactlyOneStepPerName() {
        var kit = new StepKit();
        var steps = GuidedEngines.steps(kit.calls, new com.cksconsole.keystore.UpdatePolicy(false), kit.secrets,
                StepKit.PROPERTIES, kit.clock);
        assertThat(steps).extracting(Step::name).containsExactlyInAnyOrder(StepName.values());

        assertThatIllegalArgumentException()
            .isThrownBy(() -> new GuidedChangeEngine(null, steps.subList(1, steps.size()), kit.calls, kit.secrets, null,
                    sentences, StepKit.PROPERTIES, kit.clock))
            .withMessageContaining("No step named");
        var twice = new java.util.ArrayList<>(steps);
        twice.add(new PreflightStep());
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new GuidedChangeEngine(null, List.copyOf(twice), kit.calls, kit.secrets, null, sentences,
                    StepKit.PROPERTIES, kit.clock))
            .withMessageContaining("Two steps named");
    }

}
