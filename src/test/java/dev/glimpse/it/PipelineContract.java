package dev.glimpse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glimpse.cli.Clients;
import dev.glimpse.cli.GlimpseRuntime;
import dev.glimpse.config.GlimpseConfig;
import dev.glimpse.config.Setting;
import dev.glimpse.model.OnnxTranslator;
import dev.glimpse.model.Translator;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import dev.glimpse.stream.PipelineMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * What must hold on a real broker, whatever the broker: the test bodies. Subclasses say which
 * cluster ({@link #environment()}): Kafka's in-JVM KRaft test kit, or containers.
 */
abstract class PipelineContract {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration OUTPUT_TIMEOUT = Duration.ofMinutes(3);
    static final int GOOD = 1_000;
    static final int BAD_PER_KIND = 5;

    /** The cluster and registry the tests run on; started once per test class. */
    protected abstract KafkaEnvironment environment();

    @TempDir
    Path tempDir;

    private GlimpseConfig config;

    @BeforeEach
    void uniqueNames(TestInfo test) {
        // Unique application id and topics per test: no test sees another's records or offsets.
        String id = "it-" + test.getTestMethod().orElseThrow().getName().replaceAll("[^A-Za-z0-9]", "")
                .toLowerCase(java.util.Locale.ROOT) + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        config = configFor(id, 2);
    }

    private GlimpseConfig configFor(String id, int partitions) {
        Map<Setting, String> flags = IsolatedConfig.flags(environment().bootstrapServers(),
                environment().registryUrl(), id, partitions);
        flags.put(Setting.MAX_TEXT_CHARS, String.valueOf(RequestMix.TOO_LONG_LIMIT));
        return GlimpseConfig.load(flags, Map.of("state.dir", tempDir.resolve("state-" + id).toString(),
                "commit.interval.ms", "200"), Map.of());
    }

    @Test
    void shouldTranslateMixedRequestsExactlyOnceForReadCommittedConsumers() {
        try (GlimpseRuntime glimpse = GlimpseRuntime.start(config, line -> { }, c -> OnnxTranslator.loadBundled(OnnxTranslator.DEFAULT_MODEL));
             KafkaProducer<byte[], byte[]> producer = glimpse.clients().producer()) {
            RequestMix mix = new RequestMix(config.topics().requests(), GOOD, BAD_PER_KIND,
                    glimpse.clients().avroRequestSerializer(), 1);
            mix.sendAll(producer);

            try (CommittedOutputs outputs = new CommittedOutputs(glimpse.clients(), config.topics())) {
                outputs.awaitAtLeast(GOOD, GOOD, mix.badCount(), OUTPUT_TIMEOUT);
                assertExactlyOnce(mix, outputs);
            }
        }
    }

    @Test
    void shouldNeitherLoseNorDoubleAnythingWhenTheAppIsKilledMidStream() throws Exception {
        createTopics(config, 2);
        Clients clients = Clients.of(config);
        RequestMix mix;
        try (KafkaProducer<byte[], byte[]> producer = clients.producer()) {
            mix = new RequestMix(config.topics().requests(), GOOD, BAD_PER_KIND, clients.avroRequestSerializer(), 2);
            mix.sendAll(producer);
        }
        try (CommittedOutputs outputs = new CommittedOutputs(clients, config.topics())) {
            int committedAtKill;
            try (ChildGlimpse first = ChildGlimpse.run(config, tempDir.resolve("first.log"))) {
                // Kill as soon as the first transaction is committed: more are then in flight.
                Awaitility.await("the first committed translation").atMost(OUTPUT_TIMEOUT).pollInterval(Duration.ZERO)
                        .until(() -> !outputs.poll().translations.isEmpty() || !first.isAlive());
                assertThat(first.isAlive()).as("the Glimpse JVM runs; its log:%n%s", first.output()).isTrue();
                first.kill();
                committedAtKill = outputs.translations.size();
            }
            assertThat(committedAtKill).as("the kill must land mid-stream").isBetween(1, GOOD - 1);
            System.out.printf("killed the Glimpse JVM with %d of %d translations committed%n", committedAtKill, GOOD);

            try (ChildGlimpse second = ChildGlimpse.run(config, tempDir.resolve("second.log"))) {
                outputs.awaitAtLeast(GOOD, GOOD, mix.badCount(), OUTPUT_TIMEOUT);
                assertExactlyOnce(mix, outputs);
                assertThat(second.stopGracefully()).as("a SIGTERM closes Glimpse cleanly").isTrue();
            }
        }
    }

    @Test
    void shouldTranslateEveryRecordOnceWithTwoInstancesSharingFourPartitions() {
        GlimpseConfig shared = configFor(config.applicationId(), 4);
        try (GlimpseRuntime one = GlimpseRuntime.start(shared, line -> { }, c -> OnnxTranslator.loadBundled(OnnxTranslator.DEFAULT_MODEL));
             GlimpseRuntime two = GlimpseRuntime.start(shared, line -> { }, c -> OnnxTranslator.loadBundled(OnnxTranslator.DEFAULT_MODEL))) {
            Awaitility.await("both instances own input partitions").atMost(OUTPUT_TIMEOUT)
                    .until(() -> ownsTasks(one) && ownsTasks(two));
            RequestMix mix;
            try (KafkaProducer<byte[], byte[]> producer = one.clients().producer()) {
                mix = new RequestMix(shared.topics().requests(), GOOD, BAD_PER_KIND,
                        one.clients().avroRequestSerializer(), 3);
                mix.sendAll(producer);
            }
            try (CommittedOutputs outputs = new CommittedOutputs(one.clients(), shared.topics())) {
                outputs.awaitAtLeast(GOOD, GOOD, mix.badCount(), OUTPUT_TIMEOUT);
                assertExactlyOnce(mix, outputs);
            }
            double byOne = translated(one);
            double byTwo = translated(two);
            assertThat(byOne).as("instance one translated some").isPositive();
            assertThat(byTwo).as("instance two translated some").isPositive();
            assertThat(byOne + byTwo).as("together, each good request once").isEqualTo(GOOD);
        }
    }

    private static boolean ownsTasks(GlimpseRuntime runtime) {
        return runtime.pipeline().state() == KafkaStreams.State.RUNNING
                && runtime.pipeline().streams().metadataForLocalThreads().stream()
                        .anyMatch(thread -> !thread.activeTasks().isEmpty());
    }

    private static double translated(GlimpseRuntime runtime) {
        return runtime.meters().find(PipelineMetrics.RECORDS_TRANSLATED).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static void createTopics(GlimpseConfig config, int partitions) throws Exception {
        try (Admin admin = Admin.create(config.kafkaClientProperties(config.bootstrapServers().orElseThrow()))) {
            admin.createTopics(config.topics().all().stream()
                    .map(name -> new NewTopic(name, partitions, (short) 1)).toList()).all().get();
            // createTopics returns when the controller has the topics; producing before the broker has
            // taken leadership of every partition races with it (NOT_LEADER_OR_FOLLOWER).
            Awaitility.await("leaders for " + config.topics().all()).atMost(Duration.ofSeconds(60))
                    .until(() -> admin.describeTopics(config.topics().all()).allTopicNames().get().values().stream()
                            .allMatch(d -> d.partitions().size() == partitions
                                    && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())));
        }
    }

    /** One translation and one attention map per good request, each dead letter once, every text right. */
    static void assertExactlyOnce(RequestMix mix, CommittedOutputs outputs) {
        Map<String, String> expected = mix.good().stream()
                .collect(Collectors.toMap(RequestMix.Good::key, RequestMix.Good::expected));

        assertThat(outputs.translations).hasSize(GOOD);
        assertThat(outputs.attention).hasSize(GOOD);
        assertThat(CommittedOutputs.keyCounts(outputs.translations)).as("translations per key")
                .hasSize(GOOD).allSatisfy((key, count) -> assertThat(count).isOne());
        assertThat(CommittedOutputs.keyCounts(outputs.attention)).as("attention maps per key")
                .hasSize(GOOD).allSatisfy((key, count) -> assertThat(count).isOne());
        assertThat(CommittedOutputs.keyCounts(outputs.translations).keySet()).isEqualTo(expected.keySet());

        // Each translation must be exactly what the model gives for its own request's text: the pipeline
        // neither loses, mixes up nor corrupts a result. Against the reversal rule (the task) the model's
        // own accuracy sets the bar, not the pipeline's: at most 1 in 100 may miss (wordrev 1.1.0 and 1.2.0
        // each missed 1 of these 1,000, a run of spaces one too long; 1.3.0 misses none); AccuracyIT holds
        // the model to its targets.
        Map<String, String> sourceByKey = mix.good().stream()
                .collect(Collectors.toMap(RequestMix.Good::key, RequestMix.Good::text));
        Map<String, String> notTheModels = new java.util.TreeMap<>();
        Map<String, String> notByRule = new java.util.TreeMap<>();
        try (Translator model = OnnxTranslator.loadBundled(OnnxTranslator.DEFAULT_MODEL)) {
            for (CommittedOutputs.Output<Translation> t : outputs.translations) {
                String source = sourceByKey.get(t.key());
                String offline = model.translate(source).text();
                if (!t.value().getSourceText().equals(source) || !t.value().getTranslation().equals(offline)) {
                    notTheModels.put(t.key(), "'" + t.value().getSourceText() + "' -> '" + t.value().getTranslation()
                            + "', the model alone gives '" + offline + "' for '" + source + "'");
                }
                if (!t.value().getTranslation().equals(expected.get(t.key()))) {
                    notByRule.put(t.key(), "'" + source + "' -> '" + t.value().getTranslation() + "', expected '"
                            + expected.get(t.key()) + "'");
                }
            }
        }
        assertThat(notTheModels).as("translations that differ from the model's own answer for that request").isEmpty();
        notByRule.forEach((key, miss) -> System.out.println("model missed the reversal rule: " + key + " " + miss));
        assertThat(notByRule.size()).as("translations that break the reversal rule: " + notByRule)
                .isLessThanOrEqualTo(GOOD / 100);

        Map<String, String> requestIds = outputs.translations.stream()
                .collect(Collectors.toMap(CommittedOutputs.Output::key, o -> o.value().getRequestId()));
        for (CommittedOutputs.Output<AttentionMap> a : outputs.attention) {
            assertThat(a.value().getRequestId()).as("attention of " + a.key()).isEqualTo(requestIds.get(a.key()));
            assertThat(a.value().getWeights()).hasSize(a.value().getTargetTokens().size());
        }

        assertThat(outputs.deadLetters).as("dead letters").hasSize(mix.badCount());
        Set<String> deadKeys = outputs.deadLetters.stream().map(CommittedOutputs.DeadLetter::key)
                .collect(Collectors.toSet());
        assertThat(deadKeys).hasSize(mix.badCount()).allMatch(k -> k.startsWith("bad-"));
        Map<String, String> reasonByKind = Map.of("empty", "empty", "null", "empty", "blank", "blank",
                "too-long", "too_long", "utf8", "undecodable", "schema", "unknown_schema", "json", "invalid_request");
        assertThat(outputs.deadLetters).allSatisfy(d -> {
            String kind = d.key().substring("bad-".length(), d.key().lastIndexOf('-'));
            assertThat(d.reason()).as("reason of " + d.key()).isEqualTo(reasonByKind.get(kind));
        });
    }
}
