package dev.glimpse.cli;

import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.ops.Operations;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code glimpse run}: the pipeline against a configured cluster, or on the embedded broker and
 * registry when none is configured; runs until SIGTERM/SIGINT, then closes cleanly.
 *
 * <p>Lifecycle as Apache Kafka's WordCountDemo: a named shutdown hook closes everything and
 * releases a latch the main thread waits on. The pipeline dying on its own releases it too, and
 * the exit code says so.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the translation pipeline (embedded Kafka and registry when no cluster is configured).")
public final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
    private static final Duration FOREVER = Duration.ofDays(3650);

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws InterruptedException {
        GlimpseConfig config = options.toConfig(System.getenv());
        GlimpseRuntime runtime = GlimpseRuntime.create(config);
        CountDownLatch stop = new CountDownLatch(1);
        // Registered before anything starts: a SIGTERM during start-up still closes what has
        // started (the embedded broker and its directory included).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutdown requested: closing Glimpse");
            runtime.close();
            stop.countDown();
        }, "glimpse-shutdown-hook"));
        // Health probes, /metrics and the dashboard: they answer "not ready" while Glimpse starts.
        Optional<Operations> ops = OpsAttachment.open(runtime);
        runtime.start(System.out::println);
        ops.ifPresent(o -> {
            OpsAttachment.connect(o, runtime);
            System.out.println(OpsAttachment.announce(o));
        });

        Thread watcher = new Thread(() -> {
            runtime.pipeline().awaitTermination(FOREVER);
            stop.countDown();
        }, "glimpse-pipeline-watcher");
        watcher.setDaemon(true);
        watcher.start();

        stop.await();
        if (runtime.pipeline().failure().isPresent()) {
            log.error("Glimpse stopped because the pipeline failed; see the error above");
            runtime.close();
            return 1;
        }
        return 0;
    }
}
