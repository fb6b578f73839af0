package dev.glimpse.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import dev.glimpse.config.OutputFormat;
import dev.glimpse.config.TopicNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GlimpseTopologyTest {

    private static final TopicNames NAMES = TopologyHarness.NAMES;

    private final FakeTranslator translator = new FakeTranslator();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineMetrics metrics = new PipelineMetrics(registry);
    private TopologyHarness harness;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> requests;
    private TestOutputTopic<byte[], Translation> translations;
    private TestOutputTopic<byte[], AttentionMap> attention;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void start() {
        startWith(GlimpseSerdes.json(), new TopologySettings(40));
    }

    private void startWith(GlimpseSerdes serdes, TopologySettings topologySettings) {
        if (harness != null) {
            harness.close();
        }
        harness = new TopologyHarness(serdes, topologySettings, translator, metrics);
        driver = harness.driver;
        requests = harness.requests;
        translations = harness.translations;
        attention = harness.attention;
        dlq = harness.dlq;
    }

    @AfterEach
    void close() {
        harness.close();
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

    @Test
    void shouldKeyByRequestIdWhenInputKeyIsNull() {
        requests.pipeInput(null, bytes("{\"id\": \"req-7\", \"text\": \"hello world\"}"));
        requests.pipeInput(null, bytes("plain words"));

        List<TestRecord<byte[], Translation>> out = translations.readRecordsToList();
        List<TestRecord<byte[], AttentionMap>> maps = attention.readRecordsToList();
        assertThat(out).extracting(r -> new String(r.key(), UTF_8)).containsExactly("req-7", "in-0-1");
        assertThat(maps).extracting(r -> new String(r.key(), UTF_8)).containsExactly("req-7", "in-0-1");
        assertThat(out).extracting(r -> r.value().getTranslation()).containsExactly("olleh dlrow", "nialp sdrow");
    }

    @Test
    void shouldTranslateJsonRequestWithIdAndAttributes() {
        requests.pipeInput(bytes("k"), bytes(
                "{\"id\": 42, \"text\": \"abc def\", \"attributes\": {\"lang\": \"xx\", \"n\": 3, \"ok\": true}, \"extra\": 1}"));

        Translation t = translations.readValue();
        assertThat(t.getRequestId()).isEqualTo("42");
        assertThat(t.getTranslation()).isEqualTo("cba fed");
        assertThat(t.getAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of("lang", "xx", "n", "3", "ok", "true"));
        assertThat(attention.readValue().getRequestId()).isEqualTo("42");
    }

    @Test
    void shouldGiveRequestsWithoutIdTheDeterministicTopicPartitionOffsetId() {
        requests.pipeInput(null, bytes("{\"text\": \"one\"}"));
        requests.pipeInput(null, bytes("{\"id\": null, \"text\": \"two\"}"));
        requests.pipeInput(null, bytes("{\"id\": \"  \", \"text\": \"three\"}"));
        requests.pipeInput(bytes("key"), bytes("four"));

        assertThat(translations.readValuesToList()).extracting(Translation::getRequestId)
                .containsExactly("in-0-0", "in-0-1", "in-0-2", "in-0-3");
        assertThat(attention.readValuesToList()).extracting(AttentionMap::getRequestId)
                .containsExactly("in-0-0", "in-0-1", "in-0-2", "in-0-3");
    }

    @Test
    void shouldTreatJsonLookingTextThatIsNotAnObjectAsPlainText() {
        List<String> texts = List.of("{not json", "[\"a\", \"b\"]", "\"quoted\"", "{\"text\": \"x\"} trailing", "42");
        for (String text : texts) {
            requests.pipeInput(null, bytes(text));
        }

        assertThat(translations.readValuesToList()).extracting(Translation::getSourceText)
                .containsExactlyElementsOf(texts);
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void shouldCarryInputHeadersAndStampTheModel() {
        Headers headers = new RecordHeaders()
                .add("traceparent", bytes("00-abc-01"))
                .add("tenant", bytes("acme"))
                .add(GlimpseHeaders.MODEL_NAME, bytes("spoofed"));
        requests.pipeInput(new TestRecord<>(bytes("k"), bytes("hi there"), headers));

        for (Headers out : List.of(translations.readRecord().headers(), attention.readRecord().headers())) {
            assertThat(header(out, "traceparent")).isEqualTo("00-abc-01");
            assertThat(header(out, "tenant")).isEqualTo("acme");
            assertThat(out.headers(GlimpseHeaders.MODEL_NAME)).hasSize(1);
            assertThat(header(out, GlimpseHeaders.MODEL_NAME)).isEqualTo("fake-reverser");
            assertThat(header(out, GlimpseHeaders.MODEL_VERSION)).isEqualTo("1.2.3");
        }
    }

    @Test
    void shouldPublishAttentionWithTokensWeightsAndSummaries() {
        requests.pipeInput(bytes("k"), bytes("ab c"));

        AttentionMap map = attention.readValue();
        assertThat(map.getSourceTokens()).containsExactly("a", "b", " ", "c");
        assertThat(map.getTargetTokens()).containsExactly("b", "a", " ", "c");
        assertThat(map.getWeights()).hasSize(4).allSatisfy(row -> assertThat(row).hasSize(4));
        assertThat(map.getWeights().get(0)).containsExactly(0.1f / 3, 0.9f, 0.1f / 3, 0.1f / 3);
        assertThat(map.getAlignment()).containsExactly(1, 0, 2, 3);
        double expectedEntropy = -(0.9 * Math.log(0.9) + 3 * (0.1 / 3) * Math.log(0.1 / 3));
        assertThat(map.getStepEntropy()).hasSize(4)
                .allSatisfy(h -> assertThat((double) h).isCloseTo(expectedEntropy, within(1e-5)));
        assertThat((double) map.getMeanEntropy()).isCloseTo(expectedEntropy, within(1e-5));
        assertThat(map.getStepProbability()).containsExactly(0.99f, 0.99f, 0.99f, 0.99f);
        assertThat(map.getModelName()).isEqualTo("fake-reverser");
    }

    @Test
    void shouldPublishExactlyOneTranslationAndOneAttentionMapPerGoodRecordAndNoneForBadOnes() {
        int good = 0;
        int bad = 0;
        for (int i = 0; i < 30; i++) {
            if (i % 3 == 0) {
                requests.pipeInput(bytes("k" + i), i % 2 == 0 ? new byte[0] : bytes("   "));
                bad++;
            } else {
                requests.pipeInput(bytes("k" + i), bytes("sentence number " + i));
                good++;
            }
        }

        List<TestRecord<byte[], Translation>> out = translations.readRecordsToList();
        List<TestRecord<byte[], AttentionMap>> maps = attention.readRecordsToList();
        List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertThat(out).hasSize(good);
        assertThat(maps).hasSize(good);
        assertThat(dead).hasSize(bad);
        assertThat(out).extracting(r -> r.value().getRequestId()).doesNotHaveDuplicates();
        assertThat(out).extracting(r -> r.value().getRequestId())
                .containsExactlyElementsOf(maps.stream().map(r -> r.value().getRequestId()).toList());
        assertThat(dead).extracting(r -> header(r.headers(), GlimpseHeaders.STREAMS_ERROR_OFFSET))
                .containsExactly("0", "3", "6", "9", "12", "15", "18", "21", "24", "27");
        assertThat(translator.calls()).isEqualTo(good);
    }

    @Test
    void shouldSendEveryRejectedRecordToDlqWithItsReasonAndOriginalBytes() {
        String longText = "a".repeat(41);
        List<Rejected> cases = List.of(
                new Rejected("undecodable", new byte[] {(byte) 0xff, (byte) 0xfe, 'x'}),
                new Rejected("unknown_schema", new byte[] {0, 0, 0, 0, 7, 2, 'h', 'i'}),
                new Rejected("empty", null),
                new Rejected("empty", new byte[0]),
                new Rejected("blank", bytes(" \t\n ")),
                new Rejected("blank", bytes("{\"id\": \"b\", \"text\": \"\"}")),
                new Rejected("too_long", bytes(longText)),
                new Rejected("too_long", bytes("{\"text\": \"" + longText + "\"}")),
                new Rejected("invalid_request", bytes("{\"id\": \"x\"}")),
                new Rejected("invalid_request", bytes("{\"text\": 5}")),
                new Rejected("invalid_request", bytes("{\"text\": \"ok\", \"id\": {\"a\": 1}}")),
                new Rejected("invalid_request", bytes("{\"text\": \"ok\", \"attributes\": [1]}")),
                new Rejected("inference_failed", bytes("drink the " + FakeTranslator.POISON + " now")));
        for (int i = 0; i < cases.size(); i++) {
            requests.pipeInput(new TestRecord<>(bytes("key-" + i), cases.get(i).value(),
                    new RecordHeaders().add("n", bytes(String.valueOf(i)))));
        }
        requests.pipeInput(bytes("after"), bytes("still alive"));

        List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            TestRecord<byte[], byte[]> record = dead.get(i);
            Rejected expected = cases.get(i);
            assertThat(record.key()).as("key of case %d", i).isEqualTo(bytes("key-" + i));
            assertThat(record.value()).as("value of case %d", i).isEqualTo(expected.value());
            assertThat(header(record.headers(), GlimpseHeaders.ERROR_REASON)).as("reason of case %d", i)
                    .isEqualTo(expected.reason());
            assertThat(header(record.headers(), "n")).isEqualTo(String.valueOf(i));
            assertThat(header(record.headers(), GlimpseHeaders.STREAMS_ERROR_OFFSET)).isEqualTo(String.valueOf(i));
            assertThat(header(record.headers(), GlimpseHeaders.STREAMS_ERROR_MESSAGE)).isNotBlank();
            assertThat(header(record.headers(), GlimpseHeaders.STREAMS_ERROR_STACKTRACE)).isNotBlank();
        }
        TestRecord<byte[], byte[]> poisoned = dead.get(cases.size() - 1);
        assertThat(header(poisoned.headers(), GlimpseHeaders.STREAMS_ERROR_STACKTRACE))
                .contains("the model choked on poison");
        assertThat(translations.readValuesToList()).extracting(Translation::getSourceText)
                .containsExactly("still alive");
        assertThat(attention.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldCountTranslationsAndDeadLettersInMetrics() {
        requests.pipeInput(bytes("a"), bytes("abc de"));
        requests.pipeInput(bytes("b"), bytes("xyz"));
        requests.pipeInput(bytes("c"), new byte[0]);
        requests.pipeInput(bytes("d"), bytes("a".repeat(41)));
        requests.pipeInput(bytes("e"), bytes(FakeTranslator.POISON));

        assertThat(registry.get(PipelineMetrics.RECORDS_TRANSLATED).counter().count()).isEqualTo(2);
        assertThat(registry.get(PipelineMetrics.CHARACTERS).counter().count()).isEqualTo(9);
        assertThat(registry.get(PipelineMetrics.DECODE_STEPS).counter().count()).isEqualTo(9);
        assertThat(registry.get(PipelineMetrics.INFERENCE_LATENCY).timer().count()).isEqualTo(2);
        assertThat(registry.get(PipelineMetrics.BATCH_SIZE).summary().count()).isEqualTo(2);
        assertThat(registry.get(PipelineMetrics.ATTENTION_ENTROPY).summary().count()).isEqualTo(2);
        assertThat(dlqCount("empty")).isEqualTo(1);
        assertThat(dlqCount("too_long")).isEqualTo(1);
        assertThat(dlqCount("inference_failed")).isEqualTo(1);
        assertThat(dlqCount("undecodable")).isZero();
    }

    @Test
    void shouldWritePlainJsonOutputsWhenJsonIsSelected() throws Exception {
        requests.pipeInput(bytes("k"), bytes("{\"id\": \"j1\", \"text\": \"ab\", \"attributes\": {\"a\": \"b\"}}"));
        TestOutputTopic<byte[], byte[]> rawTranslations = driver.createOutputTopic(NAMES.translations(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TestOutputTopic<byte[], byte[]> rawAttention = driver.createOutputTopic(NAMES.attention(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());

        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode t = json.readTree(rawTranslations.readValue());
        assertThat(t.get("request_id").asText()).isEqualTo("j1");
        assertThat(t.get("translation").asText()).isEqualTo("ba");
        assertThat(t.get("source_topic").asText()).isEqualTo("in"); // a union, written unwrapped
        assertThat(t.get("source_offset").asLong()).isZero();
        assertThat(t.get("produced_at").isIntegralNumber()).isTrue();
        assertThat(t.get("attributes").get("a").asText()).isEqualTo("b");
        com.fasterxml.jackson.databind.JsonNode a = json.readTree(rawAttention.readValue());
        assertThat(a.get("weights").get(0).get(1).floatValue()).isEqualTo(0.9f);
        assertThat(a.get("alignment").toString()).isEqualTo("[1,0]");
    }

    @Test
    void shouldDeadLetterARequestWhoseAttentionMapWouldNotFitInARecord() {
        // 20 characters in, 20 out: 400 weights, over a budget of 399.
        startWith(GlimpseSerdes.json(), new TopologySettings(40, 399));
        String text = "abcde fghij klmno pq";

        requests.pipeInput(bytes("big"), bytes(text));
        requests.pipeInput(bytes("small"), bytes("short one"));

        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertThat(dead.value()).isEqualTo(bytes(text));
        assertThat(header(dead.headers(), GlimpseHeaders.ERROR_REASON)).isEqualTo("output_too_large");
        assertThat(header(dead.headers(), GlimpseHeaders.STREAMS_ERROR_MESSAGE)).contains("20 x 20 = 400 weights");
        assertThat(dlq.isEmpty()).isTrue();
        // Nothing half-written for the rejected request: only the small one has outputs.
        assertThat(translations.readValuesToList()).extracting(Translation::getSourceText).containsExactly("short one");
        assertThat(attention.readValuesToList()).hasSize(1);
        assertThat(dlqCount("output_too_large")).isEqualTo(1);
    }

    @Test
    void shouldBudgetAttentionForKafkasDefaultRecordSizeInEachOutputFormat() {
        // Avro: 4 bytes a weight, so about 440 characters square fit in 1 MiB; JSON's text floats fit fewer.
        assertThat(TopologySettings.attentionBudget(OutputFormat.AVRO, 1_048_576)).isEqualTo(196_608);
        assertThat(TopologySettings.attentionBudget(OutputFormat.JSON, 1_048_576)).isEqualTo(56_173);
        assertThat(TopologySettings.defaults().maxAttentionWeights()).isEqualTo(196_608);
        assertThat(TopologySettings.maxRequestSize(java.util.Map.of())).isEqualTo(1_048_576);
        assertThat(TopologySettings.maxRequestSize(java.util.Map.of("max.request.size", "2000000",
                "producer.max.request.size", "3000000"))).isEqualTo(3_000_000);
    }

    @Test
    void shouldStopRatherThanDeadLetterWhenWritingOutputsFails() {
        org.apache.kafka.common.serialization.Serde<Translation> failing =
                org.apache.kafka.common.serialization.Serdes.serdeFrom(
                        (topic, value) -> {
                            throw new org.apache.kafka.common.errors.SerializationException("registry unreachable");
                        },
                        new JsonRecordSerde<>(Translation.class).deserializer());
        GlimpseSerdes json = GlimpseSerdes.json();
        startWith(new GlimpseSerdes(OutputFormat.JSON, failing, json.attention(), json.avroRequests()),
                new TopologySettings(40));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> requests.pipeInput(bytes("k"), bytes("fine text")))
                .isInstanceOf(org.apache.kafka.streams.errors.StreamsException.class);
        assertThat(dlq.isEmpty()).isTrue();
    }

    private double dlqCount(String reason) {
        return registry.get(PipelineMetrics.DLQ_RECORDS).tag("reason", reason).counter().count();
    }

    private record Rejected(String reason, byte[] value) {}

    private static byte[] bytes(String s) {
        return TopologyHarness.bytes(s);
    }

    private static String header(Headers headers, String key) {
        return TopologyHarness.header(headers, key);
    }
}
