package dev.glimpse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glimpse.Glimpse;
import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.config.Setting;
import dev.glimpse.it.KraftTestKitEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The commands as a person runs them: demo on the embedded default, send and tail against a cluster. */
class CommandsIT {

    /** Runs {@code glimpse args...} in this JVM and returns its exit code and standard output. */
    private record Run(int code, String out) {}

    private static synchronized Run glimpse(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new Glimpse()).setExecutionExceptionHandler(StartupErrors::handle).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
    void shouldPrintEverySampleSentenceWithItsTranslationAndHeatmap() {
        Run demo = glimpse("demo", "--embedded-kafka-port", "0", "--embedded-registry-port", "0", "--http-port", "0");

        assertThat(demo.code()).isZero();
        assertThat(demo.out()).contains("Glimpse embedded Kafka broker (KRaft):  localhost:")
                .contains("Glimpse embedded Schema Registry:       http://localhost:")
                .contains("Translated " + DemoCommand.SAMPLE_SENTENCES.size() + " sentence(s).");
        for (String sentence : DemoCommand.SAMPLE_SENTENCES) {
            assertThat(demo.out()).contains("] " + sentence + "\n   -> ");
        }
        // One heatmap row per output character: "e|", "h|", ... after "the cat sat on the mat".
        assertThat(demo.out()).containsPattern("\\n.\\|[ .:\\-=+*#%@]+\\n");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldSendInEveryFormatAndTailTheTranslationsFromACluster() {
        try (KraftTestKitEnvironment cluster = KraftTestKitEnvironment.start()) {
            Map<Setting, String> flags = new EnumMap<>(Setting.class);
            flags.put(Setting.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
            flags.put(Setting.REGISTRY_URL, cluster.registryUrl());
            flags.put(Setting.APPLICATION_ID, "commands-it");
            flags.put(Setting.HTTP_PORT, "0");
            GlimpseConfig config = GlimpseConfig.load(flags, Map.of(), Map.of());
            List<String> clusterFlags = List.of("--bootstrap-servers", cluster.bootstrapServers(),
                    "--registry-url", cluster.registryUrl());
            try (GlimpseRuntime running = GlimpseRuntime.start(config, line -> { })) {
                assertThat(glimpse(args("send", clusterFlags, "--format", "avro", "--id-prefix", "a", "avro text")).code())
                        .isZero();
                assertThat(glimpse(args("send", clusterFlags, "--format", "json", "--id-prefix", "j", "json text")).code())
                        .isZero();
                Run plain = glimpse(args("send", clusterFlags, "--format", "plain", "plain text"));
                assertThat(plain.code()).isZero();
                assertThat(plain.out()).contains("Sent 1 request(s) to glimpse.requests");

                Run tail = glimpse(args("tail", clusterFlags, "--from-beginning", "--attention", "--max-records", "3"));

                assertThat(tail.code()).isZero();
                assertThat(tail.out()).contains("[a-1] avro text\n", "[j-1] json text\n", "] plain text\n")
                        .containsPattern("\\n.\\|[ .:\\-=+*#%@]+\\n");
            }
        }
    }

    private static String[] args(String command, List<String> clusterFlags, String... rest) {
        List<String> all = new java.util.ArrayList<>();
        all.add(command);
        all.addAll(clusterFlags);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
