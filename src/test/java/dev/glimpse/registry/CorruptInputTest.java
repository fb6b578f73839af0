package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import dev.glimpse.schema.TranslationRequest;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gives its own typed exception, all of them SerializationExceptions (so: DLQ). */
class CorruptInputTest {

    private EmbeddedSchemaRegistry registry;
    private HttpSchemaRegistryClient client;
    private RegistrySettings settings;
    private AvroDeserializer<Translation> translations;
    private byte[] valid;

    @BeforeEach
    void start() {
        registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0);
        settings = RegistrySettings.builder().url(registry.url()).maxRetries(1).build();
        client = new HttpSchemaRegistryClient(settings);
        translations = new AvroDeserializer<>(Translation.class, client);
        valid = new AvroSerializer<>(Translation.class, client, settings, false).serialize("t", SampleRecords.translation());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private static byte[] header(int id, int... body) {
        byte[] bytes = new byte[5 + body.length];
        WireFormat.writeHeader(bytes, id);
        for (int i = 0; i < body.length; i++) {
            bytes[5 + i] = (byte) body[i];
        }
        return bytes;
    }

    @Test
    void shouldReadTheValidPayload() {
        assertThat(translations.deserialize("t", valid)).isEqualTo(SampleRecords.translation());
    }

    @Test
    void shouldRejectAnEmptyValueAsCorrupt() {
        assertThatThrownBy(() -> translations.deserialize("t", new byte[0]))
                .isInstanceOf(CorruptPayloadException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("empty payload");
    }

    @Test
    void shouldRejectATruncatedHeaderAsCorrupt() {
        for (int length = 1; length < 5; length++) {
            byte[] bytes = Arrays.copyOf(valid, length);
            assertThatThrownBy(() -> translations.deserialize("t", bytes))
                    .as("%d bytes", length)
                    .isInstanceOfSatisfying(CorruptPayloadException.class,
                            e -> assertThat(e.schemaId()).isEqualTo(-1))
                    .hasMessageContaining("truncated header");
        }
    }

    @Test
    void shouldRejectPlainTextAsUnknownMagicByte() {
        assertThatThrownBy(() -> translations.deserialize("t", "the cat sat".getBytes()))
                .isInstanceOfSatisfying(UnknownMagicByteException.class, e -> {
                    assertThat(e.magicByte()).isEqualTo((byte) 't');
                    assertThat(e.reason()).isEqualTo("UNKNOWN_MAGIC_BYTE");
                })
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldRejectAnIdTheRegistryDoesNotKnow() {
        byte[] bytes = valid.clone();
        WireFormat.writeHeader(bytes, 4242);

        assertThatThrownBy(() -> translations.deserialize("t", bytes))
                .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> assertThat(e.schemaId()).isEqualTo(4242))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("4242");
    }

    @Test
    void shouldRejectEveryTruncationOfTheBodyAsCorrupt() {
        for (int length = 5; length < valid.length; length++) {
            byte[] bytes = Arrays.copyOf(valid, length);
            assertThatThrownBy(() -> translations.deserialize("t", bytes))
                    .as("truncated to %d of %d bytes", length, valid.length)
                    .isInstanceOfSatisfying(CorruptPayloadException.class,
                            e -> assertThat(e.schemaId()).isEqualTo(WireFormat.schemaId(valid)));
        }
    }

    @Test
    void shouldRejectTrailingBytesAsCorrupt() {
        byte[] bytes = Arrays.copyOf(valid, valid.length + 3);

        assertThatThrownBy(() -> translations.deserialize("t", bytes))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("left over");
    }

    @Test
    void shouldRejectAnImpossibleStringLengthWithoutAllocatingIt() {
        int id = WireFormat.schemaId(valid);
        // request_id claims 1,000,000,000 bytes (zig-zag varint of 2e9) in a 10-byte payload
        byte[] bytes = header(id, 0x80, 0xa8, 0xd6, 0xb9, 0x07);

        assertThatThrownBy(() -> translations.deserialize("t", bytes))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("1000000000 is impossible in a payload of");
    }

    @Test
    void shouldRejectAnImpossibleArrayLengthWithoutAllocatingIt() {
        AvroSerializer<AttentionMap> serializer = new AvroSerializer<>(AttentionMap.class, client, settings, false);
        int id = WireFormat.schemaId(serializer.serialize("a", SampleRecords.attention(1, 1)));
        // three empty strings, then source_tokens claims 1,000,000,000 items
        byte[] bytes = header(id, 0, 0, 0, 0x80, 0xa8, 0xd6, 0xb9, 0x07);

        assertThatThrownBy(() -> new AvroDeserializer<>(AttentionMap.class, client).deserialize("a", bytes))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("1000000000 is impossible in a payload of");
    }

    @Test
    void shouldRejectAnOutOfRangeUnionBranchAsCorrupt() {
        AvroSerializer<TranslationRequest> serializer =
                new AvroSerializer<>(TranslationRequest.class, client, settings, false);
        int id = WireFormat.schemaId(serializer.serialize("r", SampleRecords.request()));
        // id is a union [null, string]: branch 5 (zig-zag 10) does not exist
        byte[] bytes = header(id, 10, 2, 'x', 0);

        assertThatThrownBy(() -> new AvroDeserializer<>(TranslationRequest.class, client).deserialize("r", bytes))
                .isInstanceOf(CorruptPayloadException.class);
    }

    @Test
    void shouldRejectARecordOfAnotherTypeAsIncompatibleWriterSchema() {
        byte[] request = new AvroSerializer<>(TranslationRequest.class, client, settings, false)
                .serialize("r", SampleRecords.request());

        assertThatThrownBy(() -> translations.deserialize("t", request))
                .isInstanceOfSatisfying(IncompatibleWriterSchemaException.class,
                        e -> assertThat(e.schemaId()).isEqualTo(WireFormat.schemaId(request)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("dev.glimpse.schema.TranslationRequest");
    }

    @Test
    void shouldReportAnUnreachableRegistryAsARegistryErrorNotAsBadData() {
        byte[] bytes = valid.clone();
        WireFormat.writeHeader(bytes, 77);
        registry.stop();

        assertThatThrownBy(() -> translations.deserialize("t", bytes))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(RegistryException.NO_RESPONSE))
                .isNotInstanceOf(SerializationException.class);
    }
}
