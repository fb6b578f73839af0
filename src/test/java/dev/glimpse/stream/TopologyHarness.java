package dev.glimpse.stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.glimpse.config.TopicNames;
import dev.glimpse.model.Translator;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Glimpse's topology in a {@link TopologyTestDriver}, configured exactly as {@link Pipeline} runs it
 * (same {@link StreamsConfigFactory} properties, so the dead letter queue is Kafka Streams' own).
 */
final class TopologyHarness implements AutoCloseable {

    static final TopicNames NAMES = new TopicNames("in", "glimpse.translations", "glimpse.attention", "glimpse.dlq");

    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> requests;
    final TestOutputTopic<byte[], Translation> translations;
    final TestOutputTopic<byte[], AttentionMap> attention;
    final TestOutputTopic<byte[], byte[]> dlq;

    TopologyHarness(GlimpseSerdes serdes, TopologySettings topologySettings, Translator translator,
            PipelineMetrics metrics) {
        Topics topics = Topics.of(NAMES, serdes);
        PipelineSettings settings = PipelineSettings.defaults().withTopics(NAMES).withApplicationId("topology-test")
                .withTopology(topologySettings).withOutputFormat(serdes.outputFormat());
        Properties props = StreamsConfigFactory.create(settings, Map.of("bootstrap.servers", "unused:9092"), metrics);
        driver = new TopologyTestDriver(
                GlimpseTopology.build(topologySettings, topics, serdes.avroRequests(), translator, metrics), props);
        requests = driver.createInputTopic(NAMES.requests(), new ByteArraySerializer(), new ByteArraySerializer());
        translations = driver.createOutputTopic(NAMES.translations(), new ByteArrayDeserializer(),
                topics.translations().valueSerde().deserializer());
        attention = driver.createOutputTopic(NAMES.attention(), new ByteArrayDeserializer(),
                topics.attention().valueSerde().deserializer());
        dlq = driver.createOutputTopic(NAMES.dlq(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    TestOutputTopic<byte[], byte[]> raw(String topic) {
        return driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        driver.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static String header(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), UTF_8);
    }
}
