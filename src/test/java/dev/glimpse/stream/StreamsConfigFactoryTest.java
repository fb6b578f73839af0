package dev.glimpse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glimpse.config.ProcessingGuarantee;
import dev.glimpse.config.TopicNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsConfigFactoryTest {

    private final PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());
    private final Map<String, Object> kafka = Map.of(
            "bootstrap.servers", "broker:9092", "security.protocol", "SASL_SSL", "linger.ms", "5");

    @Test
    void shouldRunExactlyOnceWithGlimpseDeadLetterQueueByDefault() {
        Properties props = StreamsConfigFactory.create(PipelineSettings.defaults(), kafka, metrics);

        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("glimpse");
        assertThat(props.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("glimpse.dlq");
        assertThat(props.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(DeadLetterHandler.class.getName());
        assertThat(props.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(DeadLetterHandler.class.getName());
        assertThat(props.get(DeadLetterHandler.METRICS_CONFIG)).isSameAs(metrics);
        assertThat(props.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG)).isEqualTo(true);
        new StreamsConfig(props); // Kafka accepts it
    }

    @Test
    void shouldLetTheUserTurnTheGlobalExceptionHandlerOff() {
        Map<String, Object> withOff = new HashMap<>(kafka);
        withOff.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "false");

        Properties props = StreamsConfigFactory.create(PipelineSettings.defaults(), withOff, metrics);

        assertThat(props.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG)).isEqualTo("false");
    }

    @Test
    void shouldPassUserKafkaSettingsThroughUntouched() {
        Properties props = StreamsConfigFactory.create(PipelineSettings.defaults(), kafka, metrics);

        assertThat(props).containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("linger.ms", "5");
    }

    @Test
    void shouldSelectAtLeastOnceAndTheConfiguredNames() {
        PipelineSettings settings = PipelineSettings.defaults()
                .withGuarantee(ProcessingGuarantee.AT_LEAST_ONCE)
                .withApplicationId("glimpse-eu")
                .withTopics(new TopicNames("r", "t", "a", "eu.dead"))
                .withStreamThreads(3);

        Properties props = StreamsConfigFactory.create(settings, kafka, metrics);

        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("at_least_once");
        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("glimpse-eu");
        assertThat(props.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("eu.dead");
        assertThat(props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(3);
    }

    @Test
    void shouldRejectPassThroughSettingsThatGlimpseOwns() {
        for (String owned : StreamsConfigFactory.OWNED_KEYS) {
            Map<String, Object> clash = Map.of("bootstrap.servers", "b:9092", owned, "x");
            assertThatThrownBy(() -> StreamsConfigFactory.create(PipelineSettings.defaults(), clash, metrics))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(owned);
        }
    }

    @Test
    void shouldRequireBootstrapServers() {
        assertThatThrownBy(() -> StreamsConfigFactory.create(PipelineSettings.defaults(), Map.of(), metrics))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap.servers");
    }
}
