package dev.glimpse.cli;

import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.config.Setting;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The configuration flags every command shares. Each flag is a {@link Setting}; its environment
 * variable ({@code GLIMPSE_...}) applies when the flag is absent. Values stay raw strings here:
 * {@link GlimpseConfig#load} converts and validates them all at once.
 */
public final class ConfigOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka cluster (env GLIMPSE_BOOTSTRAP_SERVERS). Unset: embedded broker.")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Schema Registry URL (env GLIMPSE_REGISTRY_URL).")
    String registryUrl;

    @Option(names = "--registry-basic-auth", paramLabel = "USER:PASSWORD",
            description = "Schema Registry basic auth (env GLIMPSE_REGISTRY_BASIC_AUTH; prefer the variable).")
    String registryBasicAuth;

    @Option(names = "--registry-truststore", paramLabel = "FILE",
            description = "Truststore (PKCS12, or JKS if named *.jks) for an https registry (env GLIMPSE_REGISTRY_TRUSTSTORE). "
                    + "Unset: the JVM's default CAs.")
    String registryTruststore;

    @Option(names = "--registry-truststore-password", paramLabel = "PASSWORD",
            description = "Its password (env GLIMPSE_REGISTRY_TRUSTSTORE_PASSWORD; prefer the variable).")
    String registryTruststorePassword;

    @Option(names = "--registry-timeout-ms", paramLabel = "MS",
            description = "Time allowed for one registry request (env GLIMPSE_REGISTRY_TIMEOUT_MS; default 10000).")
    String registryTimeoutMs;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "Any Kafka client setting, e.g. security.protocol=SASL_SSL (repeatable; env GLIMPSE_KAFKA_<KEY>).")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--kafka-config-file", paramLabel = "FILE",
            description = "Kafka client .properties file (env GLIMPSE_KAFKA_CONFIG_FILE).")
    String kafkaConfigFile;

    @Option(names = "--application-id", description = "Kafka Streams application id (default glimpse).")
    String applicationId;

    @Option(names = "--input-topic", description = "Requests topic (default glimpse.requests).")
    String inputTopic;

    @Option(names = "--translations-topic", description = "Translations topic (default glimpse.translations).")
    String translationsTopic;

    @Option(names = "--attention-topic", description = "Attention topic (default glimpse.attention).")
    String attentionTopic;

    @Option(names = "--dlq-topic", description = "Dead letter topic (default glimpse.dlq).")
    String dlqTopic;

    @Option(names = "--partitions", description = "Partitions of topics Glimpse creates (default 4).")
    String partitions;

    @Option(names = "--replication-factor", description = "Replication factor of topics Glimpse creates (default 1).")
    String replicationFactor;

    @Option(names = "--stream-threads", description = "Kafka Streams threads (default 1).")
    String streamThreads;

    @Option(names = "--max-text-chars", description = "Longer requests go to the DLQ (default 10000).")
    String maxTextChars;

    @Option(names = "--processing-guarantee", description = "exactly_once_v2 (default) or at_least_once.")
    String processingGuarantee;

    @Option(names = "--output-format", description = "avro (default) or json.")
    String outputFormat;

    @Option(names = "--model", description = "Bundled model name (default wordrev).")
    String model;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "Model bundle directory; wins over --model.")
    String modelDir;

    @Option(names = "--http-port", description = "Health/metrics/dashboard port, 0 = off (default 8080).")
    String httpPort;

    @Option(names = "--embedded-host", description = "Embedded broker and registry host (default localhost).")
    String embeddedHost;

    @Option(names = "--embedded-kafka-port", description = "Embedded broker port, 0 = any (default 9092).")
    String embeddedKafkaPort;

    @Option(names = "--embedded-registry-port", description = "Embedded registry port, 0 = any (default 8081).")
    String embeddedRegistryPort;

    /** The flags that were given, by setting. */
    Map<Setting, String> flags() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        put(flags, Setting.BOOTSTRAP_SERVERS, bootstrapServers);
        put(flags, Setting.REGISTRY_URL, registryUrl);
        put(flags, Setting.REGISTRY_BASIC_AUTH, registryBasicAuth);
        put(flags, Setting.REGISTRY_TRUSTSTORE, registryTruststore);
        put(flags, Setting.REGISTRY_TRUSTSTORE_PASSWORD, registryTruststorePassword);
        put(flags, Setting.REGISTRY_TIMEOUT_MS, registryTimeoutMs);
        put(flags, Setting.KAFKA_CONFIG_FILE, kafkaConfigFile);
        put(flags, Setting.APPLICATION_ID, applicationId);
        put(flags, Setting.INPUT_TOPIC, inputTopic);
        put(flags, Setting.TRANSLATIONS_TOPIC, translationsTopic);
        put(flags, Setting.ATTENTION_TOPIC, attentionTopic);
        put(flags, Setting.DLQ_TOPIC, dlqTopic);
        put(flags, Setting.PARTITIONS, partitions);
        put(flags, Setting.REPLICATION_FACTOR, replicationFactor);
        put(flags, Setting.STREAM_THREADS, streamThreads);
        put(flags, Setting.MAX_TEXT_CHARS, maxTextChars);
        put(flags, Setting.PROCESSING_GUARANTEE, processingGuarantee);
        put(flags, Setting.OUTPUT_FORMAT, outputFormat);
        put(flags, Setting.MODEL, model);
        put(flags, Setting.MODEL_DIR, modelDir);
        put(flags, Setting.HTTP_PORT, httpPort);
        put(flags, Setting.EMBEDDED_HOST, embeddedHost);
        put(flags, Setting.EMBEDDED_KAFKA_PORT, embeddedKafkaPort);
        put(flags, Setting.EMBEDDED_REGISTRY_PORT, embeddedRegistryPort);
        return flags;
    }

    /** Flags over the environment over defaults, validated. */
    GlimpseConfig toConfig(Map<String, String> env) {
        return GlimpseConfig.load(flags(), kafkaProperties, env);
    }

    private static void put(Map<Setting, String> flags, Setting setting, String value) {
        if (value != null) {
            flags.put(setting, value);
        }
    }
}
