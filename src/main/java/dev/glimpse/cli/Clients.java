package dev.glimpse.cli;

import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.config.OutputFormat;
import dev.glimpse.registry.AvroDeserializer;
import dev.glimpse.registry.AvroSerializer;
import dev.glimpse.registry.HttpSchemaRegistryClient;
import dev.glimpse.registry.RegistrySettings;
import dev.glimpse.registry.SchemaRegistryClient;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import dev.glimpse.schema.TranslationRequest;
import dev.glimpse.stream.GlimpseSerdes;
import dev.glimpse.stream.JsonRecordSerde;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka clients and serdes for one configured cluster, registry and output format: what the
 * pipeline writes with and what {@code send}, {@code tail} and {@code demo} read and write with.
 */
public final class Clients {

    private final GlimpseConfig config;
    private final Map<String, Object> kafka;
    private final Optional<SchemaRegistryClient> registry;
    private final Optional<RegistrySettings> registrySettings;

    private Clients(GlimpseConfig config, Map<String, Object> kafka, Optional<SchemaRegistryClient> registry,
            Optional<RegistrySettings> registrySettings) {
        this.config = config;
        this.kafka = kafka;
        this.registry = registry;
        this.registrySettings = registrySettings;
    }

    /** @param config a configuration with its cluster set (after the embedded broker, if any, started) */
    public static Clients of(GlimpseConfig config) {
        String bootstrap = config.bootstrapServers()
                .orElseThrow(() -> new IllegalStateException("no cluster: start the embedded broker first"));
        Optional<RegistrySettings> settings = config.registrySettings();
        return new Clients(config, Map.copyOf(config.kafkaClientProperties(bootstrap)),
                settings.map(HttpSchemaRegistryClient::new), settings);
    }

    /** Every Kafka setting for this cluster, as given (Streams takes them all). */
    public Map<String, Object> kafka() {
        return kafka;
    }

    public GlimpseConfig config() {
        return config;
    }

    /** Serdes for the pipeline: outputs in the configured format; Avro requests decoded when there is a registry. */
    public GlimpseSerdes pipelineSerdes() {
        return GlimpseSerdes.of(config.outputFormat(), registry.orElse(null), registrySettings.orElse(null));
    }

    public Deserializer<Translation> translationDeserializer() {
        return config.outputFormat() == OutputFormat.JSON
                ? new JsonRecordSerde<>(Translation.class).deserializer()
                : new AvroDeserializer<>(Translation.class, requireRegistry());
    }

    public Deserializer<AttentionMap> attentionDeserializer() {
        return config.outputFormat() == OutputFormat.JSON
                ? new JsonRecordSerde<>(AttentionMap.class).deserializer()
                : new AvroDeserializer<>(AttentionMap.class, requireRegistry());
    }

    /** Writes requests as Avro TranslationRequest in the Confluent wire format. */
    public Serializer<TranslationRequest> avroRequestSerializer() {
        return new AvroSerializer<>(TranslationRequest.class, requireRegistry(), registrySettings.orElseThrow(), false);
    }

    /** An idempotent producer of raw bytes. */
    public KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> props = only(ProducerConfig.configNames());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A consumer without a group (use assign) that sees only committed transactions. */
    public KafkaConsumer<byte[], byte[]> readCommittedConsumer() {
        Map<String, Object> props = only(ConsumerConfig.configNames());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A producer or consumer would warn about Streams-only settings; hand each only its own. */
    private Map<String, Object> only(Set<String> names) {
        Map<String, Object> props = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (names.contains(key)) {
                props.put(key, value);
            }
        });
        return props;
    }

    private SchemaRegistryClient requireRegistry() {
        return registry.orElseThrow(() -> new IllegalStateException(
                "Avro needs a schema registry: set --registry-url (GLIMPSE_REGISTRY_URL)"));
    }
}
