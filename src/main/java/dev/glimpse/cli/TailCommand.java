package dev.glimpse.cli;

import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code glimpse tail}: follow the translations (read_committed), optionally with attention heatmaps. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Follow translations as they are committed (of the embedded default on localhost unless a cluster is given).")
public final class TailCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--attention", description = "Show each translation's attention as a heatmap.")
    boolean attention;

    @Option(names = "--from-beginning", description = "Start at the oldest records instead of new ones.")
    boolean fromBeginning;

    @Option(names = "--dlq", description = "Also show dead letters.")
    boolean deadLetters;

    @Option(names = "--max-records", description = "Stop after this many translations (default: follow forever).")
    int maxRecords;

    @Override
    public Integer call() throws InterruptedException {
        GlimpseConfig config = Connect.toRunningGlimpse(options.toConfig(System.getenv()));
        PrintStream out = System.out;
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger seen = new AtomicInteger();
        try (OutputFollower follower = new OutputFollower(Clients.of(config), config.topics(), fromBeginning, attention,
                new OutputFollower.Listener() {
                    @Override
                    public void translated(String key, Translation t, Optional<AttentionMap> a) {
                        out.println(ConsoleFormat.translation(t, a));
                        if (maxRecords > 0 && seen.incrementAndGet() >= maxRecords) {
                            done.countDown();
                        }
                    }

                    @Override
                    public void deadLetter(String key, String reason) {
                        if (deadLetters) {
                            out.println(ConsoleFormat.deadLetter(key, reason));
                        }
                    }
                })) {
            Runtime.getRuntime().addShutdownHook(new Thread(done::countDown, "glimpse-shutdown-hook"));
            out.println("Following " + config.topics().translations() + " at " + config.bootstrapServers().orElseThrow()
                    + " (Ctrl-C to stop)");
            done.await();
        }
        return 0;
    }
}
