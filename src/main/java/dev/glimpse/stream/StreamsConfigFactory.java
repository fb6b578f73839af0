package dev.glimpse.stream;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams properties Glimpse runs with: the user's Kafka client settings (bootstrap
 * servers, security, tuning) passed through untouched, plus the settings Glimpse owns.
 *
 * <p>Glimpse owns the application id, the processing guarantee, the dead letter queue and its
 * exception handlers: they follow from {@link PipelineSettings}, and a user setting for any of them
 * is rejected with a message naming the Glimpse option to use instead, rather than silently losing
 * one of the two.
 */
public final class StreamsConfigFactory {

    /** Keys set from {@link PipelineSettings}; never taken from the pass-through settings. */
    static final Set<String> OWNED_KEYS = Set.of(
            StreamsConfig.APPLICATION_ID_CONFIG,
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
            StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
            StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            StreamsConfig.NUM_STREAM_THREADS_CONFIG,
            DeadLetterHandler.METRICS_CONFIG);

    private StreamsConfigFactory() {}

    /**
     * @param settings Glimpse's settings
     * @param kafka the user's Kafka client settings; must contain {@code bootstrap.servers}
     * @param metrics where dead letters are counted
     */
    public static Properties create(PipelineSettings settings, Map<String, ?> kafka, PipelineMetrics metrics) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(metrics, "metrics");
        for (String key : kafka.keySet()) {
            if (OWNED_KEYS.contains(key)) {
                throw new IllegalArgumentException("Kafka setting '" + key
                        + "' is set by Glimpse from its own options (application id, guarantee, DLQ topic, "
                        + "stream threads); remove it from the pass-through Kafka settings");
            }
        }
        Object bootstrap = kafka.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            throw new IllegalArgumentException("Kafka setting 'bootstrap.servers' is required");
        }

        Properties props = new Properties();
        // Raw bytes in and out by default: every topic of the topology names its own serdes.
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        // The same error policy for global state as for the stream threads: what Kafka recommends (and
        // makes the default in 5.0). A user setting wins. Kafka 4.3 still warns once at start that it is
        // off: its partition assignor (AssignorConfiguration) checks a copy of the consumer's settings,
        // which leaves this one out.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.putAll(kafka);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.guarantee().kafkaName());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, settings.topics().dlq());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        props.put(DeadLetterHandler.METRICS_CONFIG, metrics);
        return props;
    }
}
