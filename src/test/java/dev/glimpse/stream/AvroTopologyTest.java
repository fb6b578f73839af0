package dev.glimpse.stream;

import static dev.glimpse.stream.TopologyHarness.bytes;
import static dev.glimpse.stream.TopologyHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glimpse.config.OutputFormat;
import dev.glimpse.registry.AvroSerde;
import dev.glimpse.registry.EmbeddedSchemaRegistry;
import dev.glimpse.registry.HttpSchemaRegistryClient;
import dev.glimpse.registry.RegistrySettings;
import dev.glimpse.registry.WireFormat;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import dev.glimpse.schema.TranslationRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Avro paths: Confluent wire-format requests in, Avro outputs, schema problems to the DLQ. */
class AvroTopologyTest {

    private final FakeTranslator translator = new FakeTranslator();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private EmbeddedSchemaRegistry registry;
    private RegistrySettings settings;
    private HttpSchemaRegistryClient client;
    private TopologyHarness harness;

    @BeforeEach
    void start() {
        registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
        // No retries, so that the outage test fails at once (connection refused); a generous timeout,
        // so that a loaded machine does not look like an outage.
        settings = RegistrySettings.builder().url(registry.url()).maxRetries(0)
                .requestTimeout(Duration.ofSeconds(60)).build();
        client = new HttpSchemaRegistryClient(settings);
        harness = new TopologyHarness(GlimpseSerdes.of(OutputFormat.AVRO, client, settings),
                new TopologySettings(40), translator, new PipelineMetrics(meters));
    }

    @AfterEach
    void stop() {
        harness.close();
        registry.close();
    }

    @Test
    void shouldTranslateAvroRequestIntoAvroOutputs() {
        TranslationRequest request = TranslationRequest.newBuilder()
                .setId("avro-1").setText("the cat").setAttributes(Map.of("source", "test")).build();
        harness.requests.pipeInput(bytes("k"), avroRequest(request));

        Translation t = harness.translations.readValue();
        assertThat(t.getRequestId()).isEqualTo("avro-1");
        assertThat(t.getTranslation()).isEqualTo("eht tac");
        assertThat(t.getAttributes()).containsEntry("source", "test");
        assertThat(harness.attention.readValue().getRequestId()).isEqualTo("avro-1");
        assertThat(harness.dlq.isEmpty()).isTrue();
    }

    @Test
    void shouldWriteOutputsInConfluentWireFormatWithRegisteredSchemas() {
        harness.requests.pipeInput(bytes("k"), bytes("plain text in, avro out"));

        byte[] translation = harness.raw(TopologyHarness.NAMES.translations()).readValue();
        byte[] attention = harness.raw(TopologyHarness.NAMES.attention()).readValue();
        assertThat(translation[0]).isZero();
        assertThat(client.schemaById(WireFormat.schemaId(translation))).isEqualTo(Translation.getClassSchema());
        assertThat(client.schemaById(WireFormat.schemaId(attention))).isEqualTo(AttentionMap.getClassSchema());
        assertThat(client.subjects()).contains("glimpse.translations-value", "glimpse.attention-value");
    }

    @Test
    void shouldGiveAvroRequestsWithoutIdTheDeterministicId() {
        harness.requests.pipeInput(null, avroRequest(TranslationRequest.newBuilder().setText("ab").build()));

        TestRecord<byte[], Translation> out = harness.translations.readRecord();
        assertThat(out.value().getRequestId()).isEqualTo("in-0-0");
        assertThat(new String(out.key())).isEqualTo("in-0-0");
    }

    @Test
    void shouldDeadLetterAvroWithUnknownSchemaIdCorruptPayloadOrIncompatibleSchema() {
        byte[] unknownId = {0, 0, 0, 0x7f, 0x7f, 2, 'h', 'i'};
        byte[] good = avroRequest(TranslationRequest.newBuilder().setText("fine").build());
        byte[] corrupt = Arrays.copyOf(good, good.length + 3); // bytes left over after the record
        byte[] truncated = Arrays.copyOf(good, 3); // not even a whole header
        byte[] wrongType = AvroSerde.forType(AttentionMap.class, client, settings, false).serializer()
                .serialize("elsewhere", AttentionMap.newBuilder().setRequestId("r").setModelName("m")
                        .setModelVersion("1").setSourceTokens(List.of()).setTargetTokens(List.of())
                        .setWeights(List.of()).setStepEntropy(List.of()).setAlignment(List.of())
                        .setMeanEntropy(0f).build());
        List<byte[]> values = List.of(unknownId, corrupt, truncated, wrongType);
        for (byte[] value : values) {
            harness.requests.pipeInput(bytes("k"), value);
        }

        List<TestRecord<byte[], byte[]>> dead = harness.dlq.readRecordsToList();
        assertThat(dead).extracting(r -> header(r.headers(), GlimpseHeaders.ERROR_REASON))
                .containsExactly("unknown_schema", "undecodable", "undecodable", "incompatible_schema");
        for (int i = 0; i < values.size(); i++) {
            assertThat(dead.get(i).value()).isEqualTo(values.get(i));
        }
        assertThat(harness.translations.isEmpty()).isTrue();
    }

    @Test
    void shouldStopRatherThanDeadLetterWhenTheRegistryIsUnreachable() {
        byte[] request = avroRequest(TranslationRequest.newBuilder().setText("fine").build());
        registry.stop();

        assertThatThrownBy(() -> harness.requests.pipeInput(bytes("k"), request))
                .isInstanceOf(StreamsException.class);
        assertThat(harness.dlq.isEmpty()).isTrue();
    }

    /** Written by an independent client, as a producer would, so the topology's reader must fetch the schema. */
    private byte[] avroRequest(TranslationRequest request) {
        HttpSchemaRegistryClient producerClient = new HttpSchemaRegistryClient(settings);
        return AvroSerde.forType(TranslationRequest.class, producerClient, settings, false).serializer()
                .serialize(TopologyHarness.NAMES.requests(), request);
    }
}
