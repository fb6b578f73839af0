package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/**
 * Records written with one schema version and read with another, through the registry: the test-only v2
 * schemas ({@code src/test/resources/evolution}) add optional fields to today's v1 (the generated classes).
 */
class SchemaEvolutionTest extends WithEmbeddedRegistry {


    private static Schema resource(String name) throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("/evolution/" + name)) {
            return new Schema.Parser().parse(in);
        }
    }

    /** A v2 record holding the v1 record's values plus {@code quality}. */
    private static GenericRecord translationV2(Schema v2, Translation v1, Float quality) {
        GenericRecord record = new GenericData.Record(v2);
        for (Schema.Field field : Translation.getClassSchema().getFields()) {
            Object value = v1.get(field.pos());
            record.put(field.name(), value instanceof java.time.Instant instant ? instant.toEpochMilli() : value);
        }
        record.put("quality", quality);
        return record;
    }

    @Test
    void shouldReadV1RecordsWithTheV2Schema() throws IOException {
        Schema v2 = resource("Translation-v2.avsc");
        byte[] v1Bytes = new AvroSerializer<>(Translation.class, client, settings, false)
                .serialize("t", SampleRecords.translation());

        GenericRecord read = AvroDeserializer.<GenericRecord>generic(v2, client).deserialize("t", v1Bytes);

        assertThat(read.get("quality")).as("default of the new field").isNull();
        assertThat(read.get("translation")).isEqualTo(new Utf8("eht tac tas no eht tam"));
        assertThat(read.get("source_offset")).isEqualTo(42L);
    }

    @Test
    void shouldReadV2RecordsWithTheV1Class() throws IOException {
        Schema v2 = resource("Translation-v2.avsc");
        new AvroSerializer<>(Translation.class, client, settings, false).serialize("t", SampleRecords.translation());
        AvroSerializer<GenericRecord> v2Writer = AvroSerializer.generic(v2, client, settings, false);

        byte[] v2Bytes = v2Writer.serialize("t", translationV2(v2, SampleRecords.translation(), 0.97f));

        assertThat(client.versions("t-value")).as("v2 registered after v1 under BACKWARD").containsExactly(1, 2);
        assertThat(WireFormat.schemaId(v2Bytes)).isEqualTo(client.latestVersion("t-value").id());
        Translation read = new AvroDeserializer<>(Translation.class, client).deserialize("t", v2Bytes);
        assertThat(read).isEqualTo(SampleRecords.translation());
    }

    @Test
    void shouldFillNonNullDefaultsWhenANewReaderReadsOldAttention() throws IOException {
        Schema v2 = resource("AttentionMap-v2.avsc");
        AttentionMap v1 = SampleRecords.attention(4, 5);
        byte[] v1Bytes = new AvroSerializer<>(AttentionMap.class, client, settings, false).serialize("a", v1);

        GenericRecord read = AvroDeserializer.<GenericRecord>generic(v2, client).deserialize("a", v1Bytes);

        assertThat(read.get("source_language")).isEqualTo(new Utf8("und"));
        assertThat(read.get("mean_entropy")).isEqualTo(v1.getMeanEntropy());
        assertThat(((java.util.List<?>) read.get("weights"))).hasSize(4);
    }

    @Test
    void shouldRefuseToRegisterABreakingChange() throws IOException {
        new AvroSerializer<>(Translation.class, client, settings, false).serialize("t", SampleRecords.translation());

        assertThatThrownBy(() -> client.register("t-value", resource("Translation-breaking.avsc")))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                })
                .hasMessageContaining("reviewer");
        assertThat(client.isCompatible("t-value", "latest", resource("Translation-breaking.avsc"))).isFalse();
        assertThat(client.isCompatible("t-value", "latest", resource("Translation-v2.avsc"))).isTrue();
    }

    @Test
    void shouldWriteWithTheLatestRegisteredSchemaWhenAsked() throws IOException {
        Schema v2 = resource("Translation-v2.avsc");
        client.register("t-value", Translation.getClassSchema());
        int v2Id = client.register("t-value", v2);
        RegistrySettings latest = settings.toBuilder().autoRegister(false).useLatestVersion(true).build();

        byte[] bytes = new AvroSerializer<>(Translation.class, client, latest, false).serialize("t", SampleRecords.translation());

        assertThat(WireFormat.schemaId(bytes)).isEqualTo(v2Id);
        GenericRecord asV2 = AvroDeserializer.<GenericRecord>generic(v2, client).deserialize("t", bytes);
        assertThat(asV2.get("quality")).isNull();
        assertThat(asV2.get("request_id")).isEqualTo(new Utf8("req-1"));
        assertThat(new AvroDeserializer<>(Translation.class, client).deserialize("t", bytes))
                .isEqualTo(SampleRecords.translation());
    }

    @Test
    void shouldRefuseToWriteWithALatestSchemaThatCannotReadOurs() throws IOException {
        client.setCompatibility("t-value", CompatibilityLevel.NONE);
        client.register("t-value", resource("Translation-breaking.avsc"));
        RegistrySettings latest = settings.toBuilder().autoRegister(false).useLatestVersion(true).build();

        assertThatThrownBy(() -> new AvroSerializer<>(Translation.class, client, latest, false)
                .serialize("t", SampleRecords.translation()))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                .hasMessageContaining("cannot read dev.glimpse.schema.Translation");
    }
}
