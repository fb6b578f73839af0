package dev.glimpse.cli;

import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.config.InvalidConfigException;
import dev.glimpse.config.OutputFormat;
import dev.glimpse.config.Reachability;
import dev.glimpse.embedded.EmbeddedKafka;
import dev.glimpse.model.ModelInfo;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Glimpse: the model, the embedded broker and registry when no cluster is configured,
 * and the pipeline, started in that order and closed in the reverse one. Commands build on it:
 * {@code run} waits for a signal, {@code demo} feeds it sentences, the ops server reads its state
 * and meters.
 *
 * <p>Created first and started second, so that a command can register its shutdown hook and open
 * its health probes before anything slow happens: {@link #close()} may come from another thread
 * at any point of {@link #start}, and then closes what has started, lets the step in progress
 * finish and close what it made, and only returns when nothing is left running (no broker, no
 * temporary directory).
 */
public final class GlimpseRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GlimpseRuntime.class);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(15);
    static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);
    /** How long a close from another thread waits for the start-up step in progress to end. */
    static final Duration STEP_END_TIMEOUT = Duration.ofSeconds(60);

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Everything to close, last started first. */
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final CountDownLatch startEnded = new CountDownLatch(1);
    private volatile GlimpseConfig config;
    private volatile Translator translator;
    private volatile Optional<EmbeddedKafka> embeddedKafka = Optional.empty();
    private volatile Optional<EmbeddedSchemaRegistry> embeddedRegistry = Optional.empty();
    private volatile Clients clients;
    private volatile Pipeline pipeline;
    private volatile Thread starter;
    private boolean closed;

    private GlimpseRuntime(GlimpseConfig config) {
        this.config = config;
        resources.push(meters::close);
    }

    /** A runtime for {@code config} with nothing started yet: its meters exist, its state is CREATED. */
    public static GlimpseRuntime create(GlimpseConfig config) {
        return new GlimpseRuntime(config);
    }

    /**
     * Creates and starts a runtime in one go.
     *
     * @see #start(Consumer, Function)
     */
    public static GlimpseRuntime start(GlimpseConfig config, Consumer<String> announce) {
        return create(config).start(announce, Models::load);
    }

    /** As {@link #start(GlimpseConfig, Consumer)} with the model given by {@code modelLoader}. */
    public static GlimpseRuntime start(GlimpseConfig config, Consumer<String> announce,
            Function<GlimpseConfig, Translator> modelLoader) {
        return create(config).start(announce, modelLoader);
    }

    /** Starts everything with the configured model; see {@link #start(Consumer, Function)}. */
    public GlimpseRuntime start(Consumer<String> announce) {
        return start(announce, Models::load);
    }

    /**
     * Starts everything and returns once the pipeline is RUNNING. Once only. On failure everything
     * started so far is closed before the exception leaves.
     *
     * @param announce where the addresses of the embedded broker and registry are told (the console)
     * @param modelLoader loads the model (tests use it to count, slow or fail the model)
     * @throws RuntimeException from the model loader when the model cannot be loaded or fails its self-test
     * @throws InvalidConfigException when the cluster or registry is unreachable or misconfigured
     * @throws StartCancelledException when {@link #close()} was called during start-up
     */
    public GlimpseRuntime start(Consumer<String> announce, Function<GlimpseConfig, Translator> modelLoader) {
        synchronized (this) {
            if (starter != null || closed) {
                throw new IllegalStateException("a Glimpse runtime starts once, and not after close");
            }
            starter = Thread.currentThread();
        }
        try {
            // The model first: a model that fails its self-test must stop us before we consume anything.
            translator = own(modelLoader.apply(config));
            log.info("Model {} {} loaded and self-tested", translator.info().name(), translator.info().version());

            GlimpseConfig resolved = config;
            if (config.embedded()) {
                EmbeddedKafka broker = own(EmbeddedKafka.start(config.embeddedHost(), config.embeddedKafkaPort()));
                EmbeddedSchemaRegistry sr = own(EmbeddedSchemaRegistry.start(config.embeddedHost(),
                        config.embeddedRegistryPort()));
                embeddedKafka = Optional.of(broker);
                embeddedRegistry = Optional.of(sr);
                resolved = config.withCluster(broker.bootstrapServers(), sr.url());
                announce.accept(banner(broker.bootstrapServers(), sr.url()));
            } else {
                int brokers = Reachability.requireKafka(resolved.kafkaClientProperties(resolved.bootstrapServers().orElseThrow()),
                        CHECK_TIMEOUT);
                log.info("Kafka at {} answered ({} broker(s))", resolved.bootstrapServers().orElseThrow(), brokers);
                if (resolved.registryUrl().isPresent()) {
                    Reachability.requireRegistry(resolved.registrySettings().orElseThrow(), CHECK_TIMEOUT);
                    log.info("Schema registry at {} answered", resolved.registryUrl().get());
                } else if (resolved.outputFormat() == OutputFormat.AVRO) {
                    throw new InvalidConfigException(java.util.List.of("Avro output needs a schema registry: set "
                            + "--registry-url (GLIMPSE_REGISTRY_URL), or choose --output-format json"));
                }
            }
            log.info("Configuration:\n{}", resolved.describe());
            config = resolved;

            clients = Clients.of(resolved);
            pipeline = own(Pipeline.start(PipelineSettings.from(resolved), clients.kafka(), clients.pipelineSerdes(),
                    translator, new PipelineMetrics(meters)));
            pipeline.awaitRunning(RUNNING_TIMEOUT);
            requireNotClosed();
            log.info("Glimpse is running: {} -> {} + {}", resolved.topics().requests(), resolved.topics().translations(),
                    resolved.topics().attention());
            return this;
        } catch (RuntimeException | Error e) {
            // Errors too: during a JVM shutdown, libraries fail to initialise with one, and what
            // has started must still be closed before the JVM exits.
            closeAll(e);
            throw e;
        } finally {
            startEnded.countDown();
        }
    }

    /** Takes {@code resource} into the runtime, or closes it at once when the runtime was closed meanwhile. */
    private synchronized <T extends AutoCloseable> T own(T resource) {
        if (closed) {
            StartCancelledException cancelled = new StartCancelledException();
            try {
                resource.close();
            } catch (Exception e) {
                cancelled.addSuppressed(e);
            }
            throw cancelled;
        }
        resources.push(resource);
        return resource;
    }

    /** Whether {@link #close()} has begun. */
    synchronized boolean isClosed() {
        return closed;
    }

    private synchronized void requireNotClosed() {
        if (closed) {
            throw new StartCancelledException();
        }
    }

    /** Thrown by {@link #start} when the runtime was closed (e.g. by a signal) before it was running. */
    public static final class StartCancelledException extends RuntimeException {
        StartCancelledException() {
            super("Glimpse was stopped while starting");
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

    /** The Kafka Streams state: CREATED until the pipeline exists (health probes read it from the start). */
    public KafkaStreams.State streamsState() {
        Pipeline p = pipeline;
        return p == null ? KafkaStreams.State.CREATED : p.state();
    }

    /** The loaded model, null until it has loaded and passed its self-test. */
    public ModelInfo loadedModel() {
        Translator t = translator;
        return t == null ? null : t.info();
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
    public void closeWithRuntime(AutoCloseable resource) {
        own(resource);
    }

    /**
     * Closes the pipeline (committing what it processed), then the registry, broker, model and
     * meters. Idempotent. Called from another thread while {@link #start} runs, it also waits (up
     * to {@link #STEP_END_TIMEOUT}) for the step in progress to end and close what it made.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (!closed) {
                closeAll(null);
                log.info("Glimpse stopped");
            }
        }
        Thread startingThread = starter;
        if (startingThread != null && startingThread != Thread.currentThread()) {
            try {
                if (!startEnded.await(STEP_END_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("Start-up did not stop within {}; something may be left running", STEP_END_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void closeAll(Throwable failure) {
        closed = true;
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
