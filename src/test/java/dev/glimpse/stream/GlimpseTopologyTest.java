package dev.glimpse.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GlimpseTopologyTest {

    private static final TopicNames NAMES = TopicNames.defaults().withRequests("in");

    private final FakeTranslator translator = new FakeTranslator();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineMetrics metrics = new PipelineMetrics(registry);
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> requests;
    private TestOutputTopic<byte[], Translation> translations;
    private TestOutputTopic<byte[], AttentionMap> attention;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void start() {
        startWith(GlimpseSerdes.json(), new TopologySettings(40));
    }

    void startWith(GlimpseSerdes serdes, TopologySettings topologySettings) {
        if (driver != null) {
            driver.close();
        }
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

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldTranslatePlainTextKeepingTheKey() {
        requests.pipeInput(bytes("k1"), bytes("the cat sat on the mat"));

        TestRecord<byte[], Translation> out = translations.readRecord();
        assertThat(new String(out.key(), UTF_8)).isEqualTo("k1");
        assertThat(out.value().getTranslation()).isEqualTo("eht tac tas no eht tam");
        assertThat(out.value().getSourceText()).isEqualTo("the cat sat on the mat");
        assertThat(out.value().getRequestId()).isEqualTo("in-0-0");
        assertThat(out.value().getModelName()).isEqualTo("fake-reverser");
        assertThat(out.value().getModelVersion()).isEqualTo("1.2.3");
        assertThat(out.value().getSourceLength()).isEqualTo(22);
        assertThat(out.value().getTargetLength()).isEqualTo(22);
        assertThat(out.value().getSourceTopic()).isEqualTo("in");
        assertThat(out.value().getSourcePartition()).isZero();
        assertThat(out.value().getSourceOffset()).isZero();
        assertThat(out.value().getEosReached()).isTrue();
        assertThat(out.value().getSegments()).isEqualTo(1);
        assertThat(out.value().getAttributes()).isEmpty();

        TestRecord<byte[], AttentionMap> map = attention.readRecord();
        assertThat(new String(map.key(), UTF_8)).isEqualTo("k1");
        assertThat(map.value().getRequestId()).isEqualTo("in-0-0");
        assertThat(translations.isEmpty()).isTrue();
        assertThat(attention.isEmpty()).isTrue();
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void shouldSendUndecodableUtf8ToDlqWithOriginalBytesAndReason() {
        byte[] key = {(byte) 0xfe, 1, 2};
        byte[] value = {'a', (byte) 0xc3, (byte) 0x28, 'b'}; // 0xc3 0x28 is not UTF-8
        Headers headers = new RecordHeaders().add("trace", bytes("t-1"));
        requests.pipeInput(new TestRecord<>(key, value, headers));

        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertThat(dead.key()).isEqualTo(key);
        assertThat(dead.value()).isEqualTo(value);
        assertThat(header(dead.headers(), GlimpseHeaders.ERROR_REASON)).isEqualTo("undecodable");
        assertThat(header(dead.headers(), GlimpseHeaders.STREAMS_ERROR_EXCEPTION))
                .isEqualTo(RejectedRecordException.class.getName());
        assertThat(header(dead.headers(), GlimpseHeaders.STREAMS_ERROR_MESSAGE)).contains("UTF-8");
        assertThat(header(dead.headers(), GlimpseHeaders.STREAMS_ERROR_TOPIC)).isEqualTo("in");
        assertThat(header(dead.headers(), GlimpseHeaders.STREAMS_ERROR_PARTITION)).isEqualTo("0");
        assertThat(header(dead.headers(), GlimpseHeaders.STREAMS_ERROR_OFFSET)).isEqualTo("0");
        assertThat(header(dead.headers(), "trace")).isEqualTo("t-1");
        assertThat(translations.isEmpty()).isTrue();
        assertThat(attention.isEmpty()).isTrue();
        assertThat(dlq.isEmpty()).isTrue();
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static String header(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), UTF_8);
    }
}
