package dev.glimpse.config;

import dev.glimpse.registry.RegistrySettings;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.internals.Topic;

/**
 * Glimpse's whole configuration: one immutable, validated value built from command-line flags,
 * environment variables and defaults (in that order of precedence). Build it with
 * {@link #load(Map, Map, Map)}; every problem is reported at once in an {@link InvalidConfigException}.
 *
 * <p>Credentials are {@link Secret}s or live in {@link #kafkaProperties()}; {@link #toString()} and
 * {@link #describe()} hide them.
 *
 * @param bootstrapServers the cluster to use; empty means the embedded default
 * @param registryUrl Schema Registry URL; empty means the embedded registry (embedded default) or none
 * @param registryBasicAuth registry credentials, {@code user:password}
 * @param registryTruststore truststore that verifies an https registry; empty: the JVM's default CAs
 * @param registryTruststorePassword its password
 * @param registryTimeout time allowed for one registry request
 * @param kafkaProperties Kafka client settings for every client (security, tuning); may hold secrets
 * @param applicationId Kafka Streams application id
 * @param topics topic names
 * @param partitions partitions of the topics Glimpse creates
 * @param replicationFactor replication factor of the topics Glimpse creates
 * @param streamThreads Kafka Streams threads in this instance
 * @param maxTextChars requests with longer text go to the dead letter topic
 * @param processingGuarantee exactly_once_v2 (default) or at_least_once
 * @param outputFormat output values as Avro (default) or JSON
 * @param modelName name of a bundled model, used when {@code modelDir} is empty
 * @param modelDir directory of a model bundle on disk
 * @param httpPort port of the ops HTTP server; 0 turns it off
 * @param embeddedHost host the embedded broker and registry bind to and advertise
 * @param embeddedKafkaPort port of the embedded broker (0: any free port)
 * @param embeddedRegistryPort port of the embedded registry (0: any free port)
 */
public record GlimpseConfig(
        Optional<String> bootstrapServers,
        Optional<String> registryUrl,
        Optional<Secret> registryBasicAuth,
        Optional<Path> registryTruststore,
        Optional<Secret> registryTruststorePassword,
        Duration registryTimeout,
        Map<String, String> kafkaProperties,
        String applicationId,
        TopicNames topics,
        int partitions,
        short replicationFactor,
        int streamThreads,
        int maxTextChars,
        ProcessingGuarantee processingGuarantee,
        OutputFormat outputFormat,
        String modelName,
        Optional<Path> modelDir,
        int httpPort,
        String embeddedHost,
        int embeddedKafkaPort,
        int embeddedRegistryPort) {

    private static final Pattern HOST_PORT = Pattern.compile("\\[?[A-Za-z0-9._:-]+]?:\\d{1,5}");
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern APPLICATION_ID = Pattern.compile("[A-Za-z0-9._-]+");

    public GlimpseConfig {
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    /** All defaults: the embedded default mode. */
    public static GlimpseConfig defaults() {
        return load(Map.of(), Map.of(), Map.of());
    }

    /**
     * Builds and validates the configuration.
     *
     * @param flags settings given on the command line (absent keys: not given)
     * @param kafkaFlags {@code --kafka-property key=value} pairs
     * @param env the environment ({@code System.getenv()})
     * @throws InvalidConfigException listing every problem
     */
    public static GlimpseConfig load(Map<Setting, String> flags, Map<String, String> kafkaFlags, Map<String, String> env) {
        return new Loader(flags, env).load(kafkaFlags);
    }

    /** True when no cluster is configured: Glimpse starts its own broker and registry. */
    public boolean embedded() {
        return bootstrapServers.isEmpty();
    }

    /**
     * Settings for any Kafka client of this cluster: the pass-through properties plus
     * {@code bootstrap.servers} (here, or the embedded broker's address once known).
     */
    public Map<String, Object> kafkaClientProperties(String bootstrap) {
        Map<String, Object> props = new TreeMap<>(kafkaProperties);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return props;
    }

    /** The same config pointed at a given cluster and registry (how the embedded default hands over its addresses). */
    public GlimpseConfig withCluster(String bootstrap, String registry) {
        return new GlimpseConfig(Optional.of(bootstrap), Optional.ofNullable(registry), registryBasicAuth,
                registryTruststore, registryTruststorePassword, registryTimeout, kafkaProperties, applicationId, topics, partitions, replicationFactor, streamThreads, maxTextChars,
                processingGuarantee, outputFormat, modelName, modelDir, httpPort, embeddedHost, embeddedKafkaPort, embeddedRegistryPort);
    }

    /** A copy with another application id (tests and extra instances). */
    public GlimpseConfig withApplicationId(String id) {
        return new GlimpseConfig(bootstrapServers, registryUrl, registryBasicAuth, registryTruststore,
                registryTruststorePassword, registryTimeout, kafkaProperties, id, topics,
                partitions, replicationFactor, streamThreads, maxTextChars, processingGuarantee, outputFormat, modelName, modelDir, httpPort,
                embeddedHost, embeddedKafkaPort, embeddedRegistryPort);
    }

    /** How to reach the schema registry (URL, credentials, truststore, timeout); empty when there is none. */
    public Optional<RegistrySettings> registrySettings() {
        return registryUrl.map(url -> {
            RegistrySettings.Builder builder = RegistrySettings.builder().url(url).requestTimeout(registryTimeout)
                    .connectTimeout(registryTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? registryTimeout : MAX_CONNECT_TIMEOUT);
            registryBasicAuth.ifPresent(secret -> {
                int colon = secret.value().indexOf(':');
                builder.basicAuth(secret.value().substring(0, colon), secret.value().substring(colon + 1));
            });
            registryTruststore.ifPresent(path -> builder.truststore(path,
                    registryTruststorePassword.map(Secret::value).orElse(null),
                    path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12"));
            return builder.build();
        });
    }

    /** Human-readable, one setting per line, credentials hidden: what {@code run} logs at start. */
    public String describe() {
        Map<String, Object> lines = new LinkedHashMap<>();
        lines.put("bootstrap servers", bootstrapServers.orElse("(embedded broker)"));
        lines.put("schema registry", registryUrl.map(GlimpseConfig::withoutUserInfo).orElse(embedded() ? "(embedded registry)" : "(none)"));
        lines.put("registry auth", registryBasicAuth.isPresent() ? "basic (hidden)" : "none");
        lines.put("registry truststore", registryTruststore.map(Path::toString).orElse("(JVM default CAs)"));
        lines.put("registry timeout", registryTimeout.toMillis() + " ms");
        lines.put("application id", applicationId);
        lines.put("topics", "requests=" + topics.requests() + " translations=" + topics.translations()
                + " attention=" + topics.attention() + " dlq=" + topics.dlq());
        lines.put("new topics", partitions + " partitions, replication factor " + replicationFactor);
        lines.put("stream threads", streamThreads);
        lines.put("max text chars", maxTextChars);
        lines.put("processing guarantee", processingGuarantee.kafkaName());
        lines.put("output format", outputFormat.name().toLowerCase(java.util.Locale.ROOT));
        lines.put("model", modelDir.map(Path::toString).orElse(modelName + " (bundled)"));
        lines.put("http port", httpPort == 0 ? "off" : httpPort);
        if (!kafkaProperties.isEmpty()) {
            lines.put("kafka properties", KafkaProperties.redacted(new TreeMap<>(kafkaProperties)));
        }
        StringBuilder sb = new StringBuilder();
        lines.forEach((k, v) -> sb.append(String.format("  %-22s %s%n", k, v)));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "GlimpseConfig[bootstrapServers=" + bootstrapServers.orElse("(embedded)")
                + ", registryUrl=" + registryUrl.map(GlimpseConfig::withoutUserInfo).orElse("(none)")
                + ", registryBasicAuth=" + registryBasicAuth.map(s -> "[hidden]").orElse("(none)")
                + ", registryTruststore=" + registryTruststore.map(Path::toString).orElse("(none)")
                + ", registryTruststorePassword=" + registryTruststorePassword.map(s -> "[hidden]").orElse("(none)")
                + ", registryTimeout=" + registryTimeout
                + ", kafkaProperties=" + KafkaProperties.redacted(new TreeMap<>(kafkaProperties))
                + ", applicationId=" + applicationId + ", topics=" + topics + ", partitions=" + partitions
                + ", replicationFactor=" + replicationFactor + ", streamThreads=" + streamThreads
                + ", maxTextChars=" + maxTextChars + ", processingGuarantee=" + processingGuarantee
                + ", outputFormat=" + outputFormat + ", modelName=" + modelName + ", modelDir=" + modelDir
                + ", httpPort=" + httpPort + ", embeddedHost=" + embeddedHost
                + ", embeddedKafkaPort=" + embeddedKafkaPort + ", embeddedRegistryPort=" + embeddedRegistryPort + "]";
    }

    /** A URL may carry user:password@; never show it. */
    static String withoutUserInfo(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getUserInfo() == null) {
                return url;
            }
            return new URI(uri.getScheme(), "[hidden]", uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment()).toString();
        } catch (Exception e) {
            return "(unparseable URL)";
        }
    }

    /** Reads raw strings, converts them, and collects every problem before failing. */
    private static final class Loader {
        private final Map<Setting, String> flags;
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Loader(Map<Setting, String> flags, Map<String, String> env) {
            this.flags = new EnumMap<>(Setting.class);
            flags.forEach((k, v) -> {
                if (v != null) {
                    this.flags.put(k, v);
                }
            });
            this.env = env;
        }

        GlimpseConfig load(Map<String, String> kafkaFlags) {
            Optional<String> bootstrap = optional(Setting.BOOTSTRAP_SERVERS);
            bootstrap.ifPresent(b -> {
                for (String server : b.split(",")) {
                    if (!HOST_PORT.matcher(server.trim()).matches()) {
                        problem(Setting.BOOTSTRAP_SERVERS, "'" + server.trim() + "' is not host:port");
                    }
                }
            });
            Optional<String> registry = optional(Setting.REGISTRY_URL);
            registry.ifPresent(url -> {
                try {
                    URI uri = URI.create(url);
                    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                        problem(Setting.REGISTRY_URL, "'" + withoutUserInfo(url) + "' is not an http(s) URL");
                    }
                } catch (IllegalArgumentException e) {
                    problem(Setting.REGISTRY_URL, "'" + withoutUserInfo(url) + "' is not a URL");
                }
            });
            Optional<Secret> basicAuth = optional(Setting.REGISTRY_BASIC_AUTH).map(Secret::new);
            basicAuth.ifPresent(s -> {
                if (!s.value().contains(":")) {
                    problem(Setting.REGISTRY_BASIC_AUTH, "expected user:password (value hidden)");
                }
            });

            Optional<Path> truststore = optional(Setting.REGISTRY_TRUSTSTORE).map(Path::of);
            truststore.ifPresent(path -> {
                if (!Files.isReadable(path) || Files.isDirectory(path)) {
                    problem(Setting.REGISTRY_TRUSTSTORE, "'" + path + "' is not a readable file");
                }
            });
            Optional<Secret> truststorePassword = optional(Setting.REGISTRY_TRUSTSTORE_PASSWORD).map(Secret::new);
            if (truststorePassword.isPresent() && truststore.isEmpty()) {
                problem(Setting.REGISTRY_TRUSTSTORE_PASSWORD, "given without " + Setting.REGISTRY_TRUSTSTORE.flag());
            }
            Duration registryTimeout = Duration.ofMillis(intIn(Setting.REGISTRY_TIMEOUT_MS, 100, 600_000));

            String applicationId = value(Setting.APPLICATION_ID);
            if (!APPLICATION_ID.matcher(applicationId).matches()) {
                problem(Setting.APPLICATION_ID, "'" + applicationId + "' may use only letters, digits, '.', '_' and '-'");
            }
            TopicNames topics = new TopicNames(topic(Setting.INPUT_TOPIC), topic(Setting.TRANSLATIONS_TOPIC),
                    topic(Setting.ATTENTION_TOPIC), topic(Setting.DLQ_TOPIC));
            if (new HashSet<>(topics.all()).size() < topics.all().size()) {
                problems.add("the four topics must have different names, got " + topics);
            }
            int partitions = intIn(Setting.PARTITIONS, 1, 10_000);
            short replication = (short) intIn(Setting.REPLICATION_FACTOR, 1, Short.MAX_VALUE);
            int streamThreads = intIn(Setting.STREAM_THREADS, 1, 64);
            int maxTextChars = intIn(Setting.MAX_TEXT_CHARS, 1, 1_000_000);
            ProcessingGuarantee guarantee = parsed(Setting.PROCESSING_GUARANTEE, ProcessingGuarantee::parse,
                    ProcessingGuarantee.EXACTLY_ONCE_V2);
            OutputFormat format = parsed(Setting.OUTPUT_FORMAT, OutputFormat::parse, OutputFormat.AVRO);
            String modelName = value(Setting.MODEL);
            Optional<Path> modelDir = optional(Setting.MODEL_DIR).map(Path::of);
            modelDir.ifPresent(dir -> {
                if (!Files.isDirectory(dir)) {
                    problem(Setting.MODEL_DIR, "'" + dir + "' is not a directory");
                }
            });
            int httpPort = intIn(Setting.HTTP_PORT, 0, 65535);
            String embeddedHost = value(Setting.EMBEDDED_HOST);
            int kafkaPort = intIn(Setting.EMBEDDED_KAFKA_PORT, 0, 65535);
            int registryPort = intIn(Setting.EMBEDDED_REGISTRY_PORT, 0, 65535);

            Map<String, String> kafka = kafkaProperties(kafkaFlags);
            if (kafka.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
                problems.add("set the cluster with " + Setting.BOOTSTRAP_SERVERS.flag() + " or "
                        + Setting.BOOTSTRAP_SERVERS.envVar() + ", not as a Kafka property");
            }
            for (String owned : List.of("application.id", "processing.guarantee")) {
                if (kafka.containsKey(owned)) {
                    problems.add("'" + owned + "' is a Glimpse setting: use "
                            + ("application.id".equals(owned) ? Setting.APPLICATION_ID.flag() : Setting.PROCESSING_GUARANTEE.flag()));
                }
            }
            if (bootstrap.isEmpty() && !kafka.isEmpty()) {
                problems.add("Kafka properties " + KafkaProperties.redacted(kafka).keySet()
                        + " were given without a cluster; set " + Setting.BOOTSTRAP_SERVERS.flag()
                        + " (the embedded broker is plain text on localhost)");
            }
            if (!problems.isEmpty()) {
                throw new InvalidConfigException(problems);
            }
            return new GlimpseConfig(bootstrap, registry, basicAuth, truststore, truststorePassword, registryTimeout,
                    kafka, applicationId, topics, partitions,
                    replication, streamThreads, maxTextChars, guarantee, format, modelName, modelDir, httpPort, embeddedHost, kafkaPort, registryPort);
        }

        /** File, then GLIMPSE_KAFKA_* variables, then --kafka-property flags: later wins. */
        private Map<String, String> kafkaProperties(Map<String, String> kafkaFlags) {
            Map<String, String> props = new TreeMap<>();
            optional(Setting.KAFKA_CONFIG_FILE).ifPresent(file -> {
                Properties fileProps = new Properties();
                try (Reader reader = Files.newBufferedReader(Path.of(file))) {
                    fileProps.load(reader);
                    fileProps.forEach((k, v) -> props.put(String.valueOf(k).trim(), String.valueOf(v).trim()));
                } catch (IOException e) {
                    problem(Setting.KAFKA_CONFIG_FILE, "cannot read '" + file + "': " + e.getMessage());
                }
            });
            Set<String> reserved = new HashSet<>();
            for (Setting s : Setting.values()) {
                reserved.add(s.envVar());
            }
            props.putAll(KafkaProperties.fromEnvironment(env, reserved));
            props.putAll(kafkaFlags);
            problems.addAll(KafkaProperties.problems(props));
            return props;
        }

        private String topic(Setting setting) {
            String name = value(setting);
            try {
                Topic.validate(name);
            } catch (RuntimeException e) {
                problem(setting, e.getMessage());
            }
            return name;
        }

        private int intIn(Setting setting, int min, int max) {
            String raw = value(setting);
            try {
                int v = Integer.parseInt(raw.trim());
                if (v < min || v > max) {
                    problem(setting, raw + " is out of range " + min + ".." + max);
                }
                return v;
            } catch (NumberFormatException e) {
                problem(setting, "'" + raw + "' is not a whole number");
                return min;
            }
        }

        private <T> T parsed(Setting setting, Function<String, T> parser, T fallback) {
            String raw = value(setting);
            try {
                return parser.apply(raw);
            } catch (IllegalArgumentException e) {
                problem(setting, "'" + raw + "': " + e.getMessage());
                return fallback;
            }
        }

        private void problem(Setting setting, String what) {
            problems.add(where(setting) + ": " + what);
        }

        /** Names the source of the bad value, so the person knows what to fix. */
        private String where(Setting setting) {
            if (flags.containsKey(setting)) {
                return setting.flag();
            }
            if (env.containsKey(setting.envVar())) {
                return setting.envVar();
            }
            return setting.flag() + " (default)";
        }

        private String value(Setting setting) {
            return optional(setting).orElseGet(setting::defaultValue);
        }

        private Optional<String> optional(Setting setting) {
            String v = flags.get(setting);
            if (v == null) {
                v = env.get(setting.envVar());
            }
            if (v == null) {
                v = setting.defaultValue();
            }
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
        }
    }
}
