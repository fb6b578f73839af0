package dev.glimpse.stream;

import static dev.glimpse.stream.TopologyHarness.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glimpse.model.OnnxTranslator;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled ONNX model through the topology: its results must fit the attention record's promises
 * (one row per target token, one column per source token), including segmented long text, so that
 * real requests do not end up as {@code inference_failed}.
 */
class RealModelTopologyTest {

    private static OnnxTranslator model;

    @BeforeAll
    static void load() {
        model = OnnxTranslator.loadBundled(OnnxTranslator.DEFAULT_MODEL);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void shouldTranslateShortAndSegmentedTextWithTheRealModel() {
        String longText = "the cat sat on the mat and then it went to sleep in the warm sun ".repeat(6).trim();
        try (TestDriverWithModel harness = new TestDriverWithModel()) {
            harness.driver.requests.pipeInput(bytes("a"), bytes("the cat sat on the mat"));
            harness.driver.requests.pipeInput(bytes("b"), bytes(longText));

            Translation shortOne = harness.driver.translations.readValue();
            Translation longOne = harness.driver.translations.readValue();
            AttentionMap shortMap = harness.driver.attention.readValue();
            AttentionMap longMap = harness.driver.attention.readValue();

            assertThat(harness.driver.dlq.isEmpty()).isTrue();
            // The model's accuracy is the model's tests' business; here: a real result, well formed.
            assertThat(shortOne.getTranslation()).isNotBlank();
            assertThat(shortOne.getTargetLength()).isEqualTo(shortMap.getTargetTokens().size());
            assertThat(shortOne.getModelName()).isEqualTo(model.info().name());
            assertThat(longOne.getSegments()).isGreaterThan(1);
            for (AttentionMap map : new AttentionMap[] {shortMap, longMap}) {
                assertThat(map.getWeights()).hasSize(map.getTargetTokens().size());
                assertThat(map.getWeights()).allSatisfy(row -> assertThat(row).hasSize(map.getSourceTokens().size()));
                assertThat(map.getAlignment()).hasSize(map.getTargetTokens().size());
            }
            assertThat(longOne.getTargetLength()).isEqualTo(longMap.getTargetTokens().size());
        }
    }

    private static final class TestDriverWithModel implements AutoCloseable {
        final TopologyHarness driver = new TopologyHarness(GlimpseSerdes.json(),
                // TopologyTestDriver has no record size limit; this test is about shapes, not budgets.
                new TopologySettings(TopologySettings.DEFAULT_MAX_TEXT_CHARS, Long.MAX_VALUE),
                model, new PipelineMetrics(new SimpleMeterRegistry()));

        @Override
        public void close() {
            driver.close();
        }
    }
}
