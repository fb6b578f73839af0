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
 * Puts the ops HTTP server (health probes, /metrics, the attention dashboard) on a running
 * {@link GlimpseRuntime}, for {@code run} and {@code demo}. It is closed with the runtime, before
 * the pipeline.
 */
final class OpsAttachment {

    private static final Logger log = LoggerFactory.getLogger(OpsAttachment.class);

    private OpsAttachment() {}

    /**
     * Starts the server on the configured port (none when it is 0) and feeds the dashboard.
     *
     * @return the server, or empty when turned off
     * @throws InvalidConfigException when the port is taken; the runtime is closed then
     */
    static Optional<Operations> attach(GlimpseRuntime runtime) {
        int port = runtime.config().httpPort();
        if (port == 0) {
            log.info("HTTP server off ({} 0): no health probes, metrics or dashboard", Setting.HTTP_PORT.flag());
            return Optional.empty();
        }
        return Optional.of(attach(runtime, port));
    }

    /** As {@link #attach(GlimpseRuntime)} on an explicit port (0: any free port). */
    static Operations attach(GlimpseRuntime runtime, int port) {
        try {
            OpsMetrics metrics = new OpsMetrics(runtime.meters());
            metrics.bindKafkaStreams(runtime.pipeline().streams());
            metrics.registerModel(runtime.translator().info());
            Operations ops = Operations.start(port, metrics, runtime.pipeline()::state, runtime.translator()::info);
            runtime.closeWithRuntime(ops);
            ops.followAttention(runtime.clients().kafka(), runtime.config().topics(),
                    runtime.clients().attentionDeserializer());
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

    /** The line to print so a person finds the dashboard. */
    static String announce(Operations ops) {
        return "Dashboard: http://localhost:" + ops.port() + "/   metrics: /metrics   health: /health/live, /health/ready";
    }
}
