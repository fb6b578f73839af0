package dev.glimpse.stream;

import static dev.glimpse.stream.TopologyHarness.bytes;
import static dev.glimpse.stream.TopologyHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.glimpse.config.OutputFormat;
import dev.glimpse.config.ProcessingGuarantee;
import dev.glimpse.config.TopicNames;
import dev.glimpse.embedded.EmbeddedKafka;
import dev.glimpse.schema.Translation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Pipeline} and {@link TopicProvisioner} on a real (embedded, in-JVM) KRaft broker. */
class PipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static EmbeddedKafka kafka;

    private final FakeTranslator translator = new FakeTranslator();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start("localhost", 0);
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldCreateMissingTopicsAndKeepExistingOnes() {
        TopicNames names = uniqueTopics();
        try (Admin admin = admin()) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));

            List<TopicProvisioner.Outcome> first = provisioner.provision(names, 3, (short) 1);
            List<TopicProvisioner.Outcome> second = provisioner.provision(names, 5, (short) 1);

            assertThat(first).extracting(TopicProvisioner.Outcome::created).containsOnly(true);
            assertThat(first).extracting(TopicProvisioner.Outcome::partitions).containsOnly(3);
            assertThat(second).extracting(TopicProvisioner.Outcome::created).containsOnly(false);
            assertThat(second).extracting(TopicProvisioner.Outcome::partitions).containsOnly(3);
        }
    }

    @Test
    void shouldRefuseACompactedOutputTopic() throws Exception {
        TopicNames names = uniqueTopics();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(names.translations(), 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get();

            assertThatThrownBy(() -> new TopicProvisioner(admin, Duration.ofSeconds(30)).provision(names, 1, (short) 1))
                    .isInstanceOf(TopicProvisioningException.class)
                    .hasMessageContaining(names.translations())
                    .hasMessageContaining("cleanup.policy=compact");
        }
    }

    @Test
    void shouldTranslateAndDeadLetterExactlyOnceOnARealBroker() {
        PipelineSettings settings = settings(uniqueTopics());
        List<byte[]> good = List.of(bytes("the cat sat"), bytes("{\"id\": \"j\", \"text\": \"on the mat\"}"), bytes("abc"));
        byte[] undecodable = {(byte) 0xff, 'x'};

        try (Pipeline pipeline = Pipeline.start(settings, clientProps(), GlimpseSerdes.json(), translator,
                new PipelineMetrics(meters))) {
            pipeline.awaitRunning(WAIT);
            produce(settings.topics().requests(), List.of(good.get(0), good.get(1), undecodable, good.get(2), new byte[0]));

            List<ConsumerRecord<byte[], byte[]>> translations = consume(settings.topics().translations(), 3);
            List<ConsumerRecord<byte[], byte[]>> attention = consume(settings.topics().attention(), 3);
            List<ConsumerRecord<byte[], byte[]>> dead = consume(settings.topics().dlq(), 2);

            JsonRecordSerde<Translation> json = new JsonRecordSerde<>(Translation.class);
            assertThat(translations).extracting(r -> json.deserializer().deserialize("t", r.value()).getTranslation())
                    .containsExactly("eht tac tas", "no eht tam", "cba");
            assertThat(attention).hasSize(3);
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly(undecodable, new byte[0]);
            assertThat(dead).extracting(r -> header(r.headers(), GlimpseHeaders.ERROR_REASON))
                    .containsExactly("undecodable", "empty");
            assertThat(meters.get(PipelineMetrics.DLQ_RECORDS).tag("reason", "empty").counter().count()).isEqualTo(1);
            assertThat(pipeline.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    @Test
    void shouldShutDownWithTheErrorWhenAFailureIsNotABadRecord() {
        PipelineSettings settings = settings(uniqueTopics());
        GlimpseSerdes json = GlimpseSerdes.json();
        GlimpseSerdes failing = new GlimpseSerdes(OutputFormat.JSON,
                Serdes.serdeFrom((topic, value) -> {
                    throw new SerializationException("output store unavailable");
                }, json.translation().deserializer()),
                json.attention(), json.avroRequests());

        try (Pipeline pipeline = Pipeline.start(settings, clientProps(), failing, translator,
                new PipelineMetrics(meters))) {
            pipeline.awaitRunning(WAIT);
            produce(settings.topics().requests(), List.of(bytes("fine text")));

            assertThat(pipeline.awaitTermination(WAIT)).isTrue();
            assertThat(pipeline.state()).isEqualTo(KafkaStreams.State.ERROR);
            assertThat(pipeline.failure().orElseThrow()).hasStackTraceContaining("output store unavailable");
        }
    }

    private PipelineSettings settings(TopicNames names) {
        return PipelineSettings.defaults()
                .withApplicationId("pipeline-it-" + UNIQUE.incrementAndGet())
                .withTopics(names)
                .withOutputFormat(OutputFormat.JSON)
                .withGuarantee(ProcessingGuarantee.EXACTLY_ONCE_V2)
                .withPartitions(2, (short) 1);
    }

    private static TopicNames uniqueTopics() {
        String p = "it" + UNIQUE.incrementAndGet() + "-" + System.nanoTime() + ".";
        return new TopicNames(p + "requests", p + "translations", p + "attention", p + "dlq");
    }

    private static Map<String, Object> clientProps() {
        return Map.of("bootstrap.servers", kafka.bootstrapServers());
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    /** One key for all, so they land on one partition and keep their order. */
    private static void produce(String topic, List<byte[]> values) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, bytes("same-key"), value));
            }
            producer.flush();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            // Nothing beyond the expected records: poll once more after they arrived.
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        assertThat(records).hasSize(expected);
        return records;
    }
}
