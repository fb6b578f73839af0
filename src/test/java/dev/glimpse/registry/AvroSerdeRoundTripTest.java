package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import dev.glimpse.schema.TranslationRequest;
import java.nio.ByteBuffer;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Every Glimpse schema through the serde, the HTTP client and the embedded registry. */
class AvroSerdeRoundTripTest extends WithEmbeddedRegistry {


    private <T extends SpecificRecord> T roundTrip(Class<T> type, String topic, T value) {
        AvroSerde<T> serde = AvroSerde.forType(type, client, settings, false);
        byte[] bytes = serde.serializer().serialize(topic, value);
        // a fresh client: the writer schema must come from the registry, not from the serializer's cache
        HttpSchemaRegistryClient reader = new HttpSchemaRegistryClient(settings);
        return AvroSerde.forType(type, reader, settings, false).deserializer().deserialize(topic, bytes);
    }

    @Test
    void shouldRoundTripTranslationRequest() {
        assertThat(roundTrip(TranslationRequest.class, "glimpse.requests", SampleRecords.request()))
                .isEqualTo(SampleRecords.request());
    }

    @Test
    void shouldRoundTripTranslation() {
        assertThat(roundTrip(Translation.class, "glimpse.translations", SampleRecords.translation()))
                .isEqualTo(SampleRecords.translation());
    }

    @Test
    void shouldRoundTripAttentionMap() {
        AttentionMap attention = SampleRecords.attention(12, 9);
        assertThat(roundTrip(AttentionMap.class, "glimpse.attention", attention)).isEqualTo(attention);
    }

    @Test
    void shouldRoundTripEmptyAttentionMap() {
        AttentionMap empty = SampleRecords.attention(0, 0);
        assertThat(roundTrip(AttentionMap.class, "glimpse.attention", empty)).isEqualTo(empty);
    }

    @Test
    void shouldRegisterUnderTopicNameSubjectsByDefault() {
        roundTrip(Translation.class, "glimpse.translations", SampleRecords.translation());
        roundTrip(TranslationRequest.class, "glimpse.requests", SampleRecords.request());

        assertThat(client.subjects()).containsExactly("glimpse.requests-value", "glimpse.translations-value");
    }

    @Test
    void shouldRegisterKeysUnderKeySubjects() {
        AvroSerde.forType(TranslationRequest.class, client, settings, true).serializer()
                .serialize("keys", SampleRecords.request());

        assertThat(client.subjects()).containsExactly("keys-key");
    }

    @Test
    void shouldNameSubjectsByRecordNameWhenConfigured() {
        RegistrySettings byRecord = settings.toBuilder().subjectNameStrategy(SubjectNameStrategy.RECORD_NAME).build();
        RegistrySettings byTopicRecord =
                settings.toBuilder().subjectNameStrategy(SubjectNameStrategy.TOPIC_RECORD_NAME).build();

        AvroSerde.forType(Translation.class, client, byRecord, false).serializer().serialize("a", SampleRecords.translation());
        AvroSerde.forType(Translation.class, client, byTopicRecord, false).serializer().serialize("b", SampleRecords.translation());

        assertThat(client.subjects()).containsExactly("b-dev.glimpse.schema.Translation", "dev.glimpse.schema.Translation");
    }

    @Test
    void shouldGiveTheSameIdToTheSameSchemaUnderTwoSubjects() {
        AvroSerde<Translation> serde = AvroSerde.forType(Translation.class, client, settings, false);
        byte[] one = serde.serializer().serialize("one", SampleRecords.translation());
        byte[] two = serde.serializer().serialize("two", SampleRecords.translation());

        assertThat(ByteBuffer.wrap(one, 1, 4).getInt()).isEqualTo(ByteBuffer.wrap(two, 1, 4).getInt());
        assertThat(registry.registrationRequestCount()).isEqualTo(2);
    }

    @Test
    void shouldLookUpInsteadOfRegisteringWhenAutoRegisterIsOff() {
        RegistrySettings noAutoRegister = settings.toBuilder().autoRegister(false).build();
        AvroSerde<Translation> serde = AvroSerde.forType(Translation.class, new HttpSchemaRegistryClient(noAutoRegister),
                noAutoRegister, false);

        assertThatThrownBy(() -> serde.serializer().serialize("unregistered", SampleRecords.translation()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40401);
                });

        int id = client.register("registered-value", Translation.getClassSchema());
        byte[] bytes = serde.serializer().serialize("registered", SampleRecords.translation());

        assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
        assertThat(registry.registrationRequestCount()).isEqualTo(1);
    }

    @Test
    void shouldPassTombstonesThrough() {
        AvroSerde<Translation> serde = AvroSerde.forType(Translation.class, client, settings, false);

        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
        assertThat(registry.requestCount()).isZero();
    }
}
