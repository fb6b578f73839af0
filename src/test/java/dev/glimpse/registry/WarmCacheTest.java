package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import dev.glimpse.schema.TranslationRequest;
import org.junit.jupiter.api.Test;

/** After warm-up the hot path makes no HTTP call: counted at the client and at the server. */
class WarmCacheTest extends WithEmbeddedRegistry {

    private static final int RECORDS = 10_000;


    @Test
    void shouldMakeNoHttpCallFor10000RecordsAfterWarmUp() {
        RegistrySettings settings = RegistrySettings.of(registry.url());
        HttpSchemaRegistryClient writerClient = new HttpSchemaRegistryClient(settings);
        HttpSchemaRegistryClient readerClient = new HttpSchemaRegistryClient(settings);
        AvroSerde<TranslationRequest> requests = AvroSerde.forType(TranslationRequest.class, writerClient, settings, false);
        AvroSerde<Translation> translations = AvroSerde.forType(Translation.class, writerClient, settings, false);
        AvroSerde<AttentionMap> attention = AvroSerde.forType(AttentionMap.class, writerClient, settings, false);
        AvroSerde<Translation> translationReader = AvroSerde.forType(Translation.class, readerClient, settings, false);
        AvroSerde<AttentionMap> attentionReader = AvroSerde.forType(AttentionMap.class, readerClient, settings, false);
        AttentionMap map = SampleRecords.attention(10, 10);

        // warm-up: one record of each kind
        requests.deserializer().deserialize("in", requests.serializer().serialize("in", SampleRecords.request()));
        translationReader.deserializer().deserialize("out", translations.serializer().serialize("out", SampleRecords.translation()));
        attentionReader.deserializer().deserialize("att", attention.serializer().serialize("att", map));
        long clientCalls = writerClient.httpCallCount() + readerClient.httpCallCount();
        long serverRequests = registry.requestCount();

        for (int i = 0; i < RECORDS; i++) {
            requests.deserializer().deserialize("in", requests.serializer().serialize("in", SampleRecords.request()));
            translationReader.deserializer().deserialize("out", translations.serializer().serialize("out", SampleRecords.translation()));
            attentionReader.deserializer().deserialize("att", attention.serializer().serialize("att", map));
        }

        assertThat(writerClient.httpCallCount() + readerClient.httpCallCount() - clientCalls).isZero();
        assertThat(registry.requestCount() - serverRequests).isZero();
        assertThat(clientCalls).as("warm-up: 3 registrations, 2 schema fetches by the cold reader").isEqualTo(5);
    }
}
