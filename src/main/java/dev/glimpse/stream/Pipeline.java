package dev.glimpse.stream;

import dev.glimpse.model.Translator;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Glimpse instance: provisions the topics, builds the topology and runs it on
 * {@link KafkaStreams} until closed.
 *
 * <p>A stream thread that dies (an unexpected exception, see {@link DeadLetterHandler}) shuts the
 * whole client down with the error logged, rather than running on with fewer threads; callers see
 * the {@code ERROR} state through {@link #awaitTermination(Duration)} or {@link #state()}. Local
 * state is never wiped: Glimpse keeps none, and an unconditional {@code cleanUp()} would only hide
 * mistakes.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final PipelineSettings settings;
    private final KafkaStreams streams;
    private final Object stateLock = new Object();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private KafkaStreams.State state = KafkaStreams.State.CREATED;

    private Pipeline(PipelineSettings settings, KafkaStreams streams) {
        this.settings = settings;
        this.streams = streams;
    }

    /**
     * Provisions the topics (unless disabled) and starts the pipeline. Returns at once; use
     * {@link #awaitRunning(Duration)} to wait for it to process.
     *
     * @param settings Glimpse's settings
     * @param kafka Kafka client settings passed through untouched (bootstrap servers, security, ...)
     * @param serdes output serdes matching {@code settings.outputFormat()}, and the Avro request decoder if any
     * @param translator the model; its lifecycle stays the caller's
     * @param metrics where Glimpse's meters are recorded
     */
    public static Pipeline start(PipelineSettings settings, Map<String, ?> kafka, GlimpseSerdes serdes,
            Translator translator, PipelineMetrics metrics) {
        Objects.requireNonNull(translator, "translator");
        if (serdes.outputFormat() != settings.outputFormat()) {
            throw new IllegalArgumentException("Serdes write " + serdes.outputFormat() + " but the settings ask for "
                    + settings.outputFormat());
        }
        Properties props = StreamsConfigFactory.create(settings, kafka, metrics);
        if (settings.provisionTopics()) {
            try (Admin admin = Admin.create(adminConfig(kafka))) {
                new TopicProvisioner(admin, ADMIN_TIMEOUT)
                        .provision(settings.topics(), settings.partitions(), settings.replicationFactor());
            }
        }
        Topology topology = GlimpseTopology.build(settings.topology(), Topics.of(settings.topics(), serdes),
                serdes.avroRequests(), translator, metrics);
        log.info("Glimpse topology:\n{}", topology.describe());

        Pipeline pipeline = new Pipeline(settings, new KafkaStreams(topology, props));
        pipeline.streams.setStateListener(pipeline::onStateChange);
        pipeline.streams.setUncaughtExceptionHandler(pipeline::onStreamThreadFailure);
        log.info("Starting Glimpse pipeline '{}': {} -> {}, {} (dead letters: {}, {}, {} output)",
                settings.applicationId(), settings.topics().requests(), settings.topics().translations(),
                settings.topics().attention(), settings.topics().dlq(), settings.guarantee(), settings.outputFormat());
        pipeline.streams.start();
        return pipeline;
    }

    /** The admin client gets the connection and security settings; Streams-only keys would be logged as unknown. */
    private static Map<String, Object> adminConfig(Map<String, ?> kafka) {
        Map<String, Object> admin = new HashMap<>(kafka);
        admin.keySet().removeIf(key -> !AdminClientConfig.configNames().contains(key));
        return admin;
    }

    private StreamThreadExceptionResponse onStreamThreadFailure(Throwable error) {
        failure.compareAndSet(null, error);
        log.error("Glimpse pipeline '{}' stops: a stream thread failed with an error that is not a bad record "
                + "(bad records go to {}). Fix the cause and restart; processing resumes from the last "
                + "committed offset.", settings.applicationId(), settings.topics().dlq(), error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private void onStateChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        log.info("Glimpse pipeline '{}': {} -> {}", settings.applicationId(), oldState, newState);
        synchronized (stateLock) {
            state = newState;
            stateLock.notifyAll();
        }
    }

    /**
     * Waits until the pipeline is RUNNING (all tasks assigned and restored).
     *
     * @throws PipelineStartException if it stops or fails first, or {@code timeout} passes
     */
    public void awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateLock) {
            while (state != KafkaStreams.State.RUNNING) {
                if (isTerminal(state) || state == KafkaStreams.State.PENDING_SHUTDOWN
                        || state == KafkaStreams.State.PENDING_ERROR) {
                    throw new PipelineStartException(
                            "Glimpse pipeline '" + settings.applicationId() + "' stopped (" + state + ") before running",
                            failure.get());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new PipelineStartException("Glimpse pipeline '" + settings.applicationId()
                            + "' not running after " + timeout.toSeconds() + " s (state " + state + ")");
                }
                waitNanos(left);
            }
        }
    }

    /**
     * Waits until the pipeline has stopped (closed or failed).
     *
     * @return true if it stopped within {@code timeout}
     */
    public boolean awaitTermination(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateLock) {
            while (!isTerminal(state)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                waitNanos(left);
            }
            return true;
        }
    }

    private void waitNanos(long nanos) {
        try {
            stateLock.wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineStartException("Interrupted while waiting for the pipeline", e);
        }
    }

    private static boolean isTerminal(KafkaStreams.State s) {
        return s == KafkaStreams.State.NOT_RUNNING || s == KafkaStreams.State.ERROR;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The error that stopped a stream thread, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** The running client, for binding Kafka's own metrics; do not close it directly. */
    public KafkaStreams streams() {
        return streams;
    }

    public PipelineSettings settings() {
        return settings;
    }

    /** Stops processing, committing what was processed; waits up to 30 s. */
    @Override
    public void close() {
        log.info("Closing Glimpse pipeline '{}'", settings.applicationId());
        boolean closed = streams.close(CLOSE_TIMEOUT);
        if (!closed) {
            log.warn("Glimpse pipeline '{}' did not close within {} s", settings.applicationId(),
                    CLOSE_TIMEOUT.toSeconds());
        }
    }
}
