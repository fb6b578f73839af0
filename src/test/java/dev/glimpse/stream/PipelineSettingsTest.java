package dev.glimpse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.config.OutputFormat;
import dev.glimpse.config.ProcessingGuarantee;
import dev.glimpse.config.Setting;
import dev.glimpse.config.TopicNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {

    @Test
    void shouldTakeThePipelinePartOfGlimpseConfig() {
        GlimpseConfig config = GlimpseConfig.load(Map.of(
                Setting.APPLICATION_ID, "glimpse-eu",
                Setting.INPUT_TOPIC, "eu.requests",
                Setting.PARTITIONS, "6",
                Setting.PROCESSING_GUARANTEE, "at_least_once",
                Setting.OUTPUT_FORMAT, "json",
                Setting.MAX_TEXT_CHARS, "500",
                Setting.STREAM_THREADS, "2"), Map.of(), Map.of());

        PipelineSettings settings = PipelineSettings.from(config);

        assertThat(settings.applicationId()).isEqualTo("glimpse-eu");
        assertThat(settings.topics().requests()).isEqualTo("eu.requests");
        assertThat(settings.partitions()).isEqualTo(6);
        assertThat(settings.guarantee()).isEqualTo(ProcessingGuarantee.AT_LEAST_ONCE);
        assertThat(settings.outputFormat()).isEqualTo(OutputFormat.JSON);
        assertThat(settings.topology().maxTextChars()).isEqualTo(500);
        assertThat(settings.streamThreads()).isEqualTo(2);
        assertThat(settings.provisionTopics()).isTrue();
    }

    @Test
    void shouldDefaultToExactlyOnceAvroOnGlimpseTopics() {
        PipelineSettings settings = PipelineSettings.defaults();

        assertThat(settings.guarantee()).isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
        assertThat(settings.outputFormat()).isEqualTo(OutputFormat.AVRO);
        assertThat(settings.topics())
                .isEqualTo(new TopicNames("glimpse.requests", "glimpse.translations", "glimpse.attention", "glimpse.dlq"));
    }

    @Test
    void shouldRejectImpossibleValues() {
        assertThatThrownBy(() -> PipelineSettings.defaults().withPartitions(0, (short) 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
        assertThatThrownBy(() -> PipelineSettings.defaults().withStreamThreads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("streamThreads");
        assertThatThrownBy(() -> new TopologySettings(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTextChars");
    }
}
