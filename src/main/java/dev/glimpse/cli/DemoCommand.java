package dev.glimpse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.ops.Operations;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glimpse demo}: starts Glimpse (embedded by default), sends sample sentences (or stdin
 * lines) and prints each translation with a heatmap of its attention as it arrives.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start Glimpse, send sample sentences (or '-' for stdin lines) and print each translation "
                + "with its attention as a text heatmap.")
public final class DemoCommand implements Callable<Integer> {

    static final List<String> SAMPLE_SENTENCES = List.of(
            "the cat sat on the mat",
            "hello world",
            "attention is all you need",
            "kafka streams translates every record exactly once",
            "a glimpse of the input at every step",
            "reverse each word but keep the order",
            "the quick brown fox jumps over the lazy dog");

    private static final long ANSWER_TIMEOUT_SECONDS = 120;

    @Mixin
    ConfigOptions options;

    @Parameters(arity = "0..1", paramLabel = "-", description = "'-' reads the sentences from stdin, one per line.")
    String input;

    @Option(names = "--keep-running", description = "Keep Glimpse running after the sentences (stop with Ctrl-C).")
    boolean keepRunning;

    @Override
    public Integer call() throws Exception {
        if (input != null && !input.equals("-")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "the only argument demo takes is '-' (read stdin)");
        }
        GlimpseConfig config = options.toConfig(System.getenv());
        PrintStream out = System.out;
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Set<String> pending = ConcurrentHashMap.newKeySet();
        Object printLock = new Object();
        GlimpseRuntime created = GlimpseRuntime.create(config);
        // Ctrl-C at any point, start-up included: close cleanly (the runtime's close is idempotent).
        Runtime.getRuntime().addShutdownHook(new Thread(created::close, "glimpse-shutdown-hook"));
        Optional<Operations> ops = OpsAttachment.open(created);
        try (GlimpseRuntime runtime = created.start(out::println);
             OutputFollower follower = new OutputFollower(runtime.clients(), runtime.config().topics(), false, true,
                     new OutputFollower.Listener() {
                         @Override
                         public void translated(String key, dev.glimpse.schema.Translation t,
                                 Optional<dev.glimpse.schema.AttentionMap> a) {
                             if (pending.remove(t.getRequestId())) {
                                 synchronized (printLock) {
                                     out.println(ConsoleFormat.translation(t, a));
                                     printLock.notifyAll();
                                 }
                             }
                         }

                         @Override
                         public void deadLetter(String key, String reason) {
                             if (pending.remove(key)) {
                                 synchronized (printLock) {
                                     out.println(ConsoleFormat.deadLetter(key, reason));
                                     printLock.notifyAll();
                                 }
                             }
                         }
                     });
             KafkaProducer<byte[], byte[]> producer = runtime.clients().producer()) {
            ops.ifPresent(o -> {
                OpsAttachment.connect(o, runtime);
                out.println(OpsAttachment.announce(o));
            });
            String topic = runtime.config().topics().requests();
            ObjectMapper json = new ObjectMapper();
            int n = 0;
            if ("-".equals(input)) {
                out.println("Type sentences, one per line (Ctrl-D to finish):");
                BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
                    if (!line.isBlank()) {
                        send(producer, json, topic, "demo-" + runId + "-" + (++n), line, pending);
                    }
                }
            } else {
                for (String sentence : SAMPLE_SENTENCES) {
                    send(producer, json, topic, "demo-" + runId + "-" + (++n), sentence, pending);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_TIMEOUT_SECONDS);
            synchronized (printLock) {
                while (!pending.isEmpty() && System.nanoTime() < deadline) {
                    printLock.wait(1000);
                }
            }
            if (!pending.isEmpty()) {
                System.err.println("No answer within " + ANSWER_TIMEOUT_SECONDS + " s for " + pending);
                return 1;
            }
            out.println("Translated " + n + " sentence(s).");
            if (keepRunning) {
                out.println("Glimpse keeps running; send more with kcat or 'glimpse send', stop with Ctrl-C.");
                Thread.currentThread().join();
            }
            return 0;
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, ObjectMapper json, String topic, String id,
            String text, Set<String> pending) throws Exception {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("id", id);
        request.put("text", text);
        pending.add(id);
        producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(request)));
        producer.flush();
    }
}
