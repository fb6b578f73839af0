package dev.glimpse.config;

/**
 * Every Glimpse setting: its command-line flag, its environment variable and its default.
 *
 * <p>A flag wins over the environment, which wins over the default. Kafka client settings are not
 * listed here: they pass through as {@code --kafka-property key=value} or {@code GLIMPSE_KAFKA_*}
 * (see {@link KafkaProperties}).
 */
public enum Setting {
    BOOTSTRAP_SERVERS("--bootstrap-servers", null, false,
            "Kafka cluster to use (host:port,...). Unset: start the embedded broker."),
    REGISTRY_URL("--registry-url", null, false,
            "Confluent-compatible Schema Registry URL. Unset with a cluster: required for Avro; unset embedded: the embedded registry."),
    REGISTRY_BASIC_AUTH("--registry-basic-auth", null, true,
            "Registry credentials as user:password (HTTP basic auth)."),
    REGISTRY_TRUSTSTORE("--registry-truststore", null, false,
            "Truststore (PKCS12, or JKS by its .jks name) to verify an https registry; unset: the JVM's default CAs."),
    REGISTRY_TRUSTSTORE_PASSWORD("--registry-truststore-password", null, true, "Password of the registry truststore."),
    REGISTRY_TIMEOUT_MS("--registry-timeout-ms", "10000", false,
            "Time allowed for one registry request, in milliseconds (connecting: at most 5000 of it)."),
    APPLICATION_ID("--application-id", "glimpse", false,
            "Kafka Streams application id (consumer group, transactional ids, internal topic prefix)."),
    INPUT_TOPIC("--input-topic", "glimpse.requests", false, "Topic of translation requests."),
    TRANSLATIONS_TOPIC("--translations-topic", "glimpse.translations", false, "Topic of translations."),
    ATTENTION_TOPIC("--attention-topic", "glimpse.attention", false, "Topic of attention maps."),
    DLQ_TOPIC("--dlq-topic", "glimpse.dlq", false, "Dead letter topic for records that cannot be translated."),
    PARTITIONS("--partitions", "4", false, "Partitions of topics Glimpse creates."),
    REPLICATION_FACTOR("--replication-factor", "1", false, "Replication factor of topics Glimpse creates."),
    STREAM_THREADS("--stream-threads", "1", false, "Kafka Streams threads in this instance."),
    MAX_TEXT_CHARS("--max-text-chars", "10000", false, "Requests with longer text go to the DLQ."),
    PROCESSING_GUARANTEE("--processing-guarantee", "exactly_once_v2", false,
            "exactly_once_v2 or at_least_once."),
    OUTPUT_FORMAT("--output-format", "avro", false,
            "avro (Confluent wire format, needs a registry) or json."),
    MODEL("--model", "wordrev", false, "Name of a model bundled in the jar."),
    MODEL_DIR("--model-dir", null, false, "Directory of a model bundle; wins over --model."),
    HTTP_PORT("--http-port", "8080", false, "Port of the health/metrics/dashboard server (0 = off)."),
    EMBEDDED_HOST("--embedded-host", "localhost", false, "Host the embedded broker and registry bind to and advertise."),
    EMBEDDED_KAFKA_PORT("--embedded-kafka-port", "9092", false, "Port of the embedded broker (0 = any free port)."),
    EMBEDDED_REGISTRY_PORT("--embedded-registry-port", "8081", false, "Port of the embedded registry (0 = any free port)."),
    KAFKA_CONFIG_FILE("--kafka-config-file", null, false,
            "A Kafka client .properties file (e.g. a cloud provider's client.properties); --kafka-property wins over it.");

    private final String flag;
    private final String defaultValue;
    private final boolean secret;
    private final String description;

    Setting(String flag, String defaultValue, boolean secret, String description) {
        this.flag = flag;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
    }

    public String flag() {
        return flag;
    }

    /** GLIMPSE_ followed by the flag in upper snake case: --bootstrap-servers is GLIMPSE_BOOTSTRAP_SERVERS. */
    public String envVar() {
        return "GLIMPSE_" + flag.substring(2).replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }

    /** The default, or null when the setting has none. */
    public String defaultValue() {
        return defaultValue;
    }

    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }
}
