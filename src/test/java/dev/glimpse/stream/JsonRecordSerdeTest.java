package dev.glimpse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonRecordSerdeTest {

    private final JsonRecordSerde<Translation> translations = new JsonRecordSerde<>(Translation.class);
    private final JsonRecordSerde<AttentionMap> maps = new JsonRecordSerde<>(AttentionMap.class);

    @Test
    void shouldRoundTripTranslationWithNullUnionsAndTimestamp() {
        Translation t = Translation.newBuilder()
                .setRequestId("r").setSourceText("ab").setTranslation("ba").setModelName("m").setModelVersion("1")
                .setSourceLength(2).setTargetLength(2).setSegments(1).setEosReached(true).setInferenceMicros(123)
                .setProducedAt(Instant.ofEpochMilli(1_700_000_000_123L)).setSourceTopic(null).setSourcePartition(3)
                .setSourceOffset(9L).setAttributes(Map.of("k", "v")).build();

        byte[] json = translations.serializer().serialize("t", t);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"source_topic\":null", "\"source_partition\":3", "\"produced_at\":1700000000123");
        assertThat(translations.deserializer().deserialize("t", json)).isEqualTo(t);
    }

    @Test
    void shouldRoundTripAttentionMap() {
        AttentionMap m = AttentionMap.newBuilder()
                .setRequestId("r").setModelName("m").setModelVersion("1")
                .setSourceTokens(List.of("a", "b")).setTargetTokens(List.of("b"))
                .setWeights(List.of(List.of(0.25f, 0.75f))).setStepEntropy(List.of(0.56f))
                .setAlignment(List.of(1)).setStepProbability(List.of(0.5f)).setMeanEntropy(0.56f).build();

        assertThat(maps.deserializer().deserialize("t", maps.serializer().serialize("t", m))).isEqualTo(m);
    }

    @Test
    void shouldFillDefaultsForMissingOptionalFields() {
        String json = "{\"request_id\":\"r\",\"model_name\":\"m\",\"model_version\":\"1\",\"source_tokens\":[],"
                + "\"target_tokens\":[],\"weights\":[],\"step_entropy\":[],\"alignment\":[],\"mean_entropy\":0}";

        AttentionMap m = maps.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));

        assertThat(m.getStepProbability()).isEmpty();
    }

    @Test
    void shouldRejectJsonThatDoesNotMatchTheSchema() {
        assertThatThrownBy(() -> maps.deserializer().deserialize("t", "{\"request_id\": 5}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("AttentionMap.request_id");
    }
}
