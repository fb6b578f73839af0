package dev.glimpse.cli;

import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.config.InvalidConfigException;
import dev.glimpse.config.OutputFormat;
import dev.glimpse.config.Reachability;
import dev.glimpse.embedded.EmbeddedKafka;
import dev.glimpse.model.Translator;
import dev.glimpse.registry.EmbeddedSchemaRegistry;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import dev.glimpse.schema.TranslationRequest;
import dev.glimpse.stream.GlimpseSerdes;
import dev.glimpse.stream.Pipeline;
import dev.glimpse.stream.PipelineMetrics;
import dev.glimpse.stream.PipelineSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Glimpse: the model, the embedded broker and registry when no cluster is configured,
 * and the pipeline, started in that order and closed in the reverse one. Commands build on it:
 * {@code run} waits for a signal, {@code demo} feeds it sentences, the ops server reads its state
 * and meters.
 */
public final class GlimpseRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GlimpseRuntime.class);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(15);
    static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);

    private final GlimpseConfig config;
    private final Translator translator;
    private final Optional<EmbeddedKafka> embeddedKafka;
    private final Optional<EmbeddedSchemaRegistry> embeddedRegistry;
    private final Clients clients;
    private final PrometheusMeterRegistry meters;
    private final Pipeline pipeline;
    /** Everything to close, last started first. */
    private final Deque<AutoCloseable> resources;
    private boolean closed;

    private GlimpseRuntime(GlimpseConfig config, Translator translator, Optional<EmbeddedKafka> embeddedKafka,
            Optional<EmbeddedSchemaRegistry> embeddedRegistry, Clients clients, PrometheusMeterRegistry meters,
            Pipeline pipeline, Deque<AutoCloseable> resources) {
        this.config = config;
        this.translator = translator;
        this.embeddedKafka = embeddedKafka;
        this.embeddedRegistry = embeddedRegistry;
        this.clients = clients;
        this.meters = meters;
        this.pipeline = pipeline;
        this.resources = resources;
    }

    /**
     * Starts everything and returns once the pipeline is RUNNING.
     *
     * @param announce where the addresses of the embedded broker and registry are told (the console)
     * @throws RuntimeException from the model loader when the model cannot be loaded or fails its self-test
     * @throws InvalidConfigException when the cluster or registry is unreachable or misconfigured
     */
    public static GlimpseRuntime start(GlimpseConfig config, Consumer<String> announce) {
        return start(config, announce, Models::load);
    }

    /**
     * Starts with the model given by {@code modelLoader} (tests use it to count or slow the model).
     *
     * @see #start(GlimpseConfig, Consumer)
     */
    public static GlimpseRuntime start(GlimpseConfig config, Consumer<String> announce,
            Function<GlimpseConfig, Translator> modelLoader) {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            // The model first: a model that fails its self-test must stop us before we consume anything.
            Translator translator = modelLoader.apply(config);
            resources.push(translator);
            log.info("Model {} {} loaded and self-tested", translator.info().name(), translator.info().version());

            Optional<EmbeddedKafka> kafka = Optional.empty();
            Optional<EmbeddedSchemaRegistry> registry = Optional.empty();
            GlimpseConfig resolved = config;
            if (config.embedded()) {
                EmbeddedKafka broker = EmbeddedKafka.start(config.embeddedHost(), config.embeddedKafkaPort());
                resources.push(broker);
                EmbeddedSchemaRegistry sr = EmbeddedSchemaRegistry.start(config.embeddedHost(), config.embeddedRegistryPort());
                resources.push(sr);
                kafka = Optional.of(broker);
                registry = Optional.of(sr);
                resolved = config.withCluster(broker.bootstrapServers(), sr.url());
                announce.accept(banner(broker.bootstrapServers(), sr.url()));
            } else {
                int brokers = Reachability.requireKafka(resolved.kafkaClientProperties(resolved.bootstrapServers().orElseThrow()),
                        CHECK_TIMEOUT);
                log.info("Kafka at {} answered ({} broker(s))", resolved.bootstrapServers().orElseThrow(), brokers);
                if (resolved.registryUrl().isPresent()) {
                    Reachability.requireRegistry(resolved.registryUrl().get(), resolved.registryBasicAuth(), CHECK_TIMEOUT);
                    log.info("Schema registry at {} answered", resolved.registryUrl().get());
                } else if (resolved.outputFormat() == OutputFormat.AVRO) {
                    throw new InvalidConfigException(java.util.List.of("Avro output needs a schema registry: set "
                            + "--registry-url (GLIMPSE_REGISTRY_URL), or choose --output-format json"));
                }
            }
            log.info("Configuration:\n{}", resolved.describe());

            Clients clients = Clients.of(resolved);
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            resources.push(meters::close);
            PipelineMetrics metrics = new PipelineMetrics(meters);
            Pipeline pipeline = Pipeline.start(PipelineSettings.from(resolved), clients.kafka(), clients.pipelineSerdes(),
                    translator, metrics);
            resources.push(pipeline);
            pipeline.awaitRunning(RUNNING_TIMEOUT);
            log.info("Glimpse is running: {} -> {} + {}", resolved.topics().requests(), resolved.topics().translations(),
                    resolved.topics().attention());
            return new GlimpseRuntime(resolved, translator, kafka, registry, clients, meters, pipeline, resources);
        } catch (RuntimeException e) {
            closeAll(resources, e);
            throw e;
        }
    }

    private static String banner(String bootstrap, String registryUrl) {
        String line = "=".repeat(72);
        return line + "\n"
                + "  Glimpse embedded Kafka broker (KRaft):  " + bootstrap + "\n"
                + "  Glimpse embedded Schema Registry:       " + registryUrl + "\n"
                + "  e.g.  kcat -b " + bootstrap + " -P -t glimpse.requests\n"
                + line;
    }

    /** The configuration with the actual cluster and registry addresses. */
    public GlimpseConfig config() {
        return config;
    }

    public Translator translator() {
        return translator;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** Where Glimpse's meters are; the ops server exposes it at /metrics. */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Producers, consumers and serdes for this cluster and output format (send, tail, demo). */
    public Clients clients() {
        return clients;
    }

    public Optional<EmbeddedKafka> embeddedKafka() {
        return embeddedKafka;
    }

    public Optional<EmbeddedSchemaRegistry> embeddedRegistry() {
        return embeddedRegistry;
    }

    /** Adds something to close before everything started so far (e.g. the ops HTTP server). */
    public synchronized void closeWithRuntime(AutoCloseable resource) {
        resources.push(resource);
    }

    /** Closes the pipeline (committing what it processed), then the registry, broker and model. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(resources, null);
        log.info("Glimpse stopped");
    }

    private static void closeAll(Deque<AutoCloseable> resources, RuntimeException failure) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else {
                    log.error("Error while closing {}", resource, e);
                }
            }
        }
    }
}
