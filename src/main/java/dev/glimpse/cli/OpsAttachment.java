package dev.glimpse.cli;

import dev.glimpse.config.InvalidConfigException;
import dev.glimpse.config.Setting;
import dev.glimpse.ops.Operations;
import dev.glimpse.ops.OpsMetrics;
import io.javalin.util.JavalinBindException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the ops HTTP server (health probes, /metrics, the attention dashboard) on a
 * {@link GlimpseRuntime}, for {@code run} and {@code demo}, in two steps: {@link #open} before the
 * runtime starts, so that probes answer "not ready" (rather than refusing connections) while the
 * model loads and Kafka Streams joins its group; {@link #connect} once it runs, to bind the
 * pipeline's meters and feed the dashboard. The runtime closes it.
 */
final class OpsAttachment {

    private static final Logger log = LoggerFactory.getLogger(OpsAttachment.class);

    private OpsAttachment() {}

    /**
     * Starts the server on the configured port (none when it is 0).
     *
     * @return the server, or empty when turned off
     * @throws InvalidConfigException when the port is taken; the runtime is closed then
     */
    static Optional<Operations> open(GlimpseRuntime runtime) {
        int port = runtime.config().httpPort();
        if (port == 0) {
            log.info("HTTP server off ({} 0): no health probes, metrics or dashboard", Setting.HTTP_PORT.flag());
            return Optional.empty();
        }
        return Optional.of(open(runtime, port));
    }

    /** As {@link #open(GlimpseRuntime)} on an explicit port (0: any free port). */
    static Operations open(GlimpseRuntime runtime, int port) {
        try {
            Operations ops = Operations.start(port, new OpsMetrics(runtime.meters()), runtime::streamsState,
                    runtime::loadedModel);
            runtime.closeWithRuntime(ops);
            return ops;
        } catch (JavalinBindException e) {
            runtime.close();
            throw new InvalidConfigException(List.of("HTTP port " + port + " is in use: choose another with "
                    + Setting.HTTP_PORT.flag() + " (" + Setting.HTTP_PORT.envVar() + "), or 0 to turn the server off"));
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** Binds the started runtime's Kafka Streams and model meters and feeds the dashboard from its cluster. */
    static void connect(Operations ops, GlimpseRuntime runtime) {
        try {
            ops.metrics().bindKafkaStreams(runtime.pipeline().streams());
            ops.metrics().registerModel(runtime.translator().info());
            ops.followAttention(runtime.clients().kafka(), runtime.config().topics(),
                    runtime.clients().attentionDeserializer());
            // Closed before the pipeline and the embedded broker it reads from.
            runtime.closeWithRuntime(ops::stopFollowing);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** The line to print so a person finds the dashboard. */
    static String announce(Operations ops) {
        return "Dashboard: http://localhost:" + ops.port() + "/   metrics: /metrics   health: /health/live, /health/ready";
    }
}
