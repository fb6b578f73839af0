package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glimpse.schema.TranslationRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Confluent wire format, byte by byte, with a registry client fake that hands out a chosen id. */
class WireFormatTest {

    private static final int SCHEMA_ID = 0x01020304;

    private final FixedIdRegistryClient client = new FixedIdRegistryClient(SCHEMA_ID);
    private final RegistrySettings settings = RegistrySettings.of("http://registry.invalid:8081");

    private static TranslationRequest hi() {
        return TranslationRequest.newBuilder().setId(null).setText("hi").setAttributes(Map.of()).build();
    }

    /** magic 0, id 0x01020304 big-endian, then Avro: union branch 0 (null), "hi", empty map. */
    private static final byte[] HI_BYTES = {0, 1, 2, 3, 4, 0x00, 0x04, 'h', 'i', 0x00};

    @Test
    void shouldWriteMagicByteBigEndianSchemaIdAndAvroBinary() {
        byte[] bytes = new AvroSerializer<>(TranslationRequest.class, client, settings, false).serialize("t", hi());

        assertThat(bytes).containsExactly(HI_BYTES);
    }

    @Test
    void shouldReadHandEncodedBytes() {
        client.register("t-value", TranslationRequest.getClassSchema());

        TranslationRequest read = new AvroDeserializer<>(TranslationRequest.class, client).deserialize("t", HI_BYTES);

        assertThat(read).isEqualTo(hi());
    }

    @Test
    void shouldEncodeIdAndStringLengthsAsZigZagVarints() {
        TranslationRequest request = TranslationRequest.newBuilder()
                .setId("x").setText("y".repeat(64)).setAttributes(Map.of("k", "v")).build();

        byte[] bytes = new AvroSerializer<>(TranslationRequest.class, client, settings, false).serialize("t", request);

        // union branch 1 (zig-zag 2), "x"; text length 64 is zig-zag 128 = varint 0x80 0x01
        assertThat(bytes).startsWith(0, 1, 2, 3, 4, 0x02, 0x02, 'x', 0x80, 0x01);
        // after the text: map block of 1 (zig-zag 2), "k" -> "v", end of map
        assertThat(bytes).endsWith(0x02, 0x02, 'k', 0x02, 'v', 0x00);
        assertThat(bytes).hasSize(5 + 1 + 2 + 2 + 64 + 6);
    }

    @Test
    void shouldReadTheHeaderOfAnyPayload() {
        assertThat(WireFormat.schemaId(new byte[] {0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe}))
                .isEqualTo(-2);
        assertThat(WireFormat.schemaId(new byte[] {0, 0, 0, 1, 0, 9, 9})).isEqualTo(256);
    }

    @Test
    void shouldWriteNullAsNullAndReadNullAsNull() {
        assertThat(new AvroSerializer<>(TranslationRequest.class, client, settings, false).serialize("t", null)).isNull();
        assertThat(new AvroDeserializer<>(TranslationRequest.class, client).deserialize("t", null)).isNull();
    }

    @Test
    void shouldRejectAWrongMagicByte() {
        byte[] bytes = HI_BYTES.clone();
        bytes[0] = 1;

        assertThatThrownBy(() -> new AvroDeserializer<>(TranslationRequest.class, client).deserialize("t", bytes))
                .isInstanceOf(UnknownMagicByteException.class)
                .hasMessageContaining("0x01");
    }
}
