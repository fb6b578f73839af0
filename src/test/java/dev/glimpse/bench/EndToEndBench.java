package dev.glimpse.bench;

import dev.glimpse.cli.GlimpseRuntime;
import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.config.Setting;
import dev.glimpse.embedded.EmbeddedKafka;
import dev.glimpse.it.IsolatedConfig;
import dev.glimpse.model.OnnxTranslator;
import dev.glimpse.model.Translator;
import dev.glimpse.registry.EmbeddedSchemaRegistry;
import dev.glimpse.schema.Translation;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * End-to-end benchmark (prints figures; not a test): N requests through a Kafka broker running in
 * its own JVM ({@code kafka.Kafka}, KRaft, formatted storage), translated by Glimpse in this JVM,
 * read back with read_committed. Latency is broker time to broker time: the input record's
 * LogAppendTime to its translation's LogAppendTime. Next to it, the model alone on the same
 * sentences in this process.
 *
 * <pre>
 * java -cp ... dev.glimpse.bench.EndToEndBench [requests] [guarantee] [partitions] [rate/s, 0 = all at once]
 * </pre>
 */
public final class EndToEndBench {

    private static final String HOST = "localhost";

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String guarantee = args.length > 1 ? args[1] : "exactly_once_v2";
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        // 0: send everything at once (throughput; latency is then mostly time in the backlog).
        // A rate below the throughput measures the latency of a record that does not queue.
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        List<String> sentences = sentences();
        List<String> texts = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            texts.add(sentences.get(i % sentences.size()));
        }

        System.out.printf("Glimpse end-to-end benchmark: %,d requests (%d distinct sentences), %s, %d partitions, %s, "
                        + "%d cores, load average %.1f%n",
                requests, sentences.size(), guarantee, partitions, rate > 0 ? "paced at " + rate + "/s" : "all at once",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        engineFigures(texts);

        Path dir = Files.createTempDirectory("glimpse-bench-");
        try (BrokerProcess broker = BrokerProcess.start(dir);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(HOST, 0)) {
            String app = "bench-" + System.currentTimeMillis();
            GlimpseConfig config = config(broker.bootstrapServers(), registry.url(), app, guarantee, partitions, dir);
            createTopics(config, partitions);
            try (GlimpseRuntime glimpse = GlimpseRuntime.start(config, line -> { });
                 KafkaProducer<byte[], byte[]> producer = glimpse.clients().producer()) {
                // Warm-up: JIT, registry caches, transactions; not measured.
                int warmup = Math.min(500, requests);
                send(producer, config, texts.subList(0, warmup), "warm", 0);
                readTranslations(glimpse, config, warmup, Duration.ofMinutes(5));

                long wallStart = System.nanoTime();
                send(producer, config, texts, "req", rate);
                List<long[]> pairs = latencies(glimpse, config, warmup, requests);
                double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
                report(pairs, wallSeconds);
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The model alone, in this process, one sentence per call and in batches of 32. */
    private static void engineFigures(List<String> texts) {
        try (Translator model = OnnxTranslator.loadBundled(OnnxTranslator.DEFAULT_MODEL)) {
            int warm = Math.min(500, texts.size());
            for (String t : texts.subList(0, warm)) {
                model.translate(t);
            }
            long[] nanos = new long[texts.size()];
            long start = System.nanoTime();
            for (int i = 0; i < texts.size(); i++) {
                long t0 = System.nanoTime();
                model.translate(texts.get(i));
                nanos[i] = System.nanoTime() - t0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            System.out.printf("  engine, in-process, batch 1 : %,8.0f sentences/s   p50 %6.2f ms   p99 %6.2f ms%n",
                    texts.size() / seconds, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6);
            start = System.nanoTime();
            for (int i = 0; i < texts.size(); i += 32) {
                model.translate(texts.subList(i, Math.min(texts.size(), i + 32)));
            }
            seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  engine, in-process, batch 32: %,8.0f sentences/s%n", texts.size() / seconds);
        }
    }

    private static GlimpseConfig config(String bootstrap, String registry, String app, String guarantee, int partitions,
            Path dir) {
        Map<Setting, String> flags = IsolatedConfig.flags(bootstrap, registry, app, partitions);
        flags.put(Setting.PROCESSING_GUARANTEE, guarantee);
        return GlimpseConfig.load(flags, Map.of("state.dir", dir.resolve("state").toString()), Map.of());
    }

    /** Broker timestamps on every topic: latency is measured on the broker's clock, end to end. */
    private static void createTopics(GlimpseConfig config, int partitions) throws Exception {
        try (Admin admin = Admin.create(config.kafkaClientProperties(config.bootstrapServers().orElseThrow()))) {
            admin.createTopics(config.topics().all().stream()
                    .map(name -> new NewTopic(name, partitions, (short) 1)
                            .configs(Map.of("message.timestamp.type", "LogAppendTime")))
                    .toList()).all().get();
            // Produce only once the broker leads every partition (see PipelineContract.createTopics).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!admin.describeTopics(config.topics().all()).allTopicNames().get().values().stream()
                    .allMatch(d -> d.partitions().size() == partitions
                            && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no leaders for " + config.topics().all() + " after 60 s");
                }
                Thread.onSpinWait();
            }
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, GlimpseConfig config, List<String> texts,
            String idPrefix, double rate) {
        long start = System.nanoTime();
        for (int i = 0; i < texts.size(); i++) {
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                while (System.nanoTime() < due) {
                    java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                }
            }
            String key = idPrefix + "-" + i;
            producer.send(new ProducerRecord<>(config.topics().requests(), key.getBytes(StandardCharsets.UTF_8),
                    texts.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readTranslations(GlimpseRuntime glimpse, GlimpseConfig config,
            int count, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = glimpse.clients().readCommittedConsumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(config.topics().translations())
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + out.size() + " of " + count + " translations after " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** (input append time, output append time) per measured request, joined by source partition and offset. */
    private static List<long[]> latencies(GlimpseRuntime glimpse, GlimpseConfig config, int skip, int count) {
        List<ConsumerRecord<byte[], byte[]>> outputs = readTranslations(glimpse, config, skip + count, Duration.ofMinutes(30));
        Map<String, Long> inputTimes = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = glimpse.clients().readCommittedConsumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(config.topics().requests())
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (inputTimes.size() < skip + count) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    inputTimes.put(r.partition() + "@" + r.offset(), r.timestamp());
                }
            }
        }
        Deserializer<Translation> deserializer = glimpse.clients().translationDeserializer();
        List<long[]> pairs = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : outputs) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (!key.startsWith("req-")) {
                continue;
            }
            Translation t = deserializer.deserialize(r.topic(), r.headers(), r.value());
            Long in = inputTimes.get(t.getSourcePartition() + "@" + t.getSourceOffset());
            pairs.add(new long[] {in, r.timestamp()});
        }
        if (pairs.size() != count) {
            throw new IllegalStateException("expected " + count + " measured translations, got " + pairs.size());
        }
        return pairs;
    }

    private static void report(List<long[]> pairs, double wallSeconds) {
        long firstIn = pairs.stream().mapToLong(p -> p[0]).min().orElseThrow();
        long lastOut = pairs.stream().mapToLong(p -> p[1]).max().orElseThrow();
        long[] latency = pairs.stream().mapToLong(p -> p[1] - p[0]).sorted().toArray();
        double seconds = (lastOut - firstIn) / 1000.0;
        System.out.printf("  end to end, broker in own JVM: %,8.0f records/s   (%,d records in %.2f s, broker clock; "
                        + "%.2f s wall incl. read-back)%n",
                pairs.size() / seconds, pairs.size(), seconds, wallSeconds);
        System.out.printf("  latency input append -> translation append: p50 %,d ms   p99 %,d ms   max %,d ms%n",
                latency[latency.length / 2], latency[(int) (latency.length * 0.99)], latency[latency.length - 1]);
    }

    private static List<String> sentences() throws Exception {
        try (InputStream in = EndToEndBench.class.getResourceAsStream("/bench/sentences.txt")) {
            if (in == null) {
                throw new IllegalStateException("src/test/resources/bench/sentences.txt is missing");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank()).toList();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** {@code kafka.Kafka server.properties} in a child JVM: what kafka-server-start.sh runs. */
    static final class BrokerProcess implements AutoCloseable {
        private final Process process;
        private final String bootstrap;

        private BrokerProcess(Process process, String bootstrap) {
            this.process = process;
            this.bootstrap = bootstrap;
        }

        static BrokerProcess start(Path dir) throws Exception {
            int port = EmbeddedKafka.freePort(HOST);
            int controllerPort = EmbeddedKafka.freePort(HOST);
            Path logDir = Files.createDirectories(dir.resolve("kafka-logs"));
            Properties props = EmbeddedKafka.brokerProperties(HOST, port, controllerPort, logDir, Map.of());
            Path file = dir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "Glimpse benchmark broker");
            }
            EmbeddedKafka.formatStorage(logDir);
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-cp", System.getProperty("java.class.path"), "kafka.Kafka", file.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("broker.log").toFile())
                    .start();
            String bootstrap = HOST + ":" + port;
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (true) {
                    try {
                        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                        break;
                    } catch (Exception e) {
                        if (System.nanoTime() > deadline || !process.isAlive()) {
                            process.destroyForcibly();
                            throw new IllegalStateException("broker did not start; see " + dir.resolve("broker.log"), e);
                        }
                    }
                }
            }
            System.out.println("  broker: kafka.Kafka in its own JVM (pid " + process.pid() + ") at " + bootstrap);
            return new BrokerProcess(process, bootstrap);
        }

        String bootstrapServers() {
            return bootstrap;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
