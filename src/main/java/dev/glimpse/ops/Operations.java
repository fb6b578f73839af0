package dev.glimpse.ops;

import dev.glimpse.config.TopicNames;
import dev.glimpse.model.ModelInfo;
import dev.glimpse.schema.AttentionMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops side of one Glimpse process, wired the way {@code run} and {@code demo} use it:
 *
 * <pre>
 * OpsMetrics metrics = new OpsMetrics();                       // before the pipeline: it records on metrics.registry()
 * Operations ops = Operations.start(port, metrics, streamsState, loadedModel);  // probes answer from here on
 * ... start the pipeline with new PipelineMetrics(metrics.registry()) ...
 * metrics.bindKafkaStreams(pipeline.streams()); metrics.registerModel(translator.info());
 * ops.followAttention(kafkaClientProperties, topics, serdes.attention().deserializer());
 * </pre>
 *
 * The server starts first so that probes report "not ready" (rather than refusing connections)
 * while the model loads and Kafka Streams joins its group.
 */
public final class Operations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Operations.class);
    /** Records per attention partition a freshly started dashboard shows. */
    private static final int HISTORY_PER_PARTITION = 50;

    private final OpsMetrics metrics;
    private final AttentionFeed feed = new AttentionFeed(500);
    private final OpsServer server;
    private KafkaAttentionSource source;

    private Operations(int port, OpsMetrics metrics, Supplier<KafkaStreams.State> streamsState,
            Supplier<ModelInfo> loadedModel) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.server = OpsServer.builder()
                .port(port)
                .metrics(metrics)
                .feed(feed)
                .liveness("kafkaStreams", KafkaStreamsHealth.liveness(streamsState))
                .readiness("kafkaStreams", KafkaStreamsHealth.readiness(streamsState))
                .readiness("model", HealthCheck.modelLoaded(loadedModel))
                .start();
    }

    /**
     * Starts the HTTP server (health, metrics, dashboard).
     *
     * @param port HTTP port (0: any free port)
     * @param streamsState the Kafka Streams state now (CREATED while the pipeline is not built yet)
     * @param loadedModel the loaded model, null while none is
     */
    public static Operations start(int port, OpsMetrics metrics, Supplier<KafkaStreams.State> streamsState,
            Supplier<ModelInfo> loadedModel) {
        return new Operations(port, metrics, streamsState, loadedModel);
    }

    /**
     * Feeds the dashboard from the attention topic (and counts the dead letter topic), decoding
     * with the deserializer the pipeline's output format uses.
     */
    public synchronized void followAttention(Map<String, Object> kafkaClientProperties, TopicNames topics,
            Deserializer<AttentionMap> attention) {
        if (source != null) {
            throw new IllegalStateException("already following " + topics.attention());
        }
        source = new KafkaAttentionSource(kafkaClientProperties, topics.attention(), topics.dlq(),
                AttentionViews.decoder(attention), feed, HISTORY_PER_PARTITION).start();
    }

    /** Stops feeding the dashboard (its consumer must stop before the cluster it reads does). Idempotent. */
    public synchronized void stopFollowing() {
        if (source != null) {
            source.close();
            source = null;
        }
    }

    public int port() {
        return server.port();
    }

    public AttentionFeed feed() {
        return feed;
    }

    public OpsMetrics metrics() {
        return metrics;
    }

    /** Stops the dashboard's consumer, then the HTTP server, then the metric binders. */
    @Override
    public synchronized void close() {
        try {
            stopFollowing();
        } finally {
            try {
                server.close();
            } finally {
                metrics.close();
                log.debug("ops server stopped");
            }
        }
    }
}
