package dev.glimpse.stream;

import dev.glimpse.config.OutputFormat;
import dev.glimpse.registry.AvroDeserializer;
import dev.glimpse.registry.AvroSerde;
import dev.glimpse.registry.RegistrySettings;
import dev.glimpse.registry.SchemaRegistryClient;
import dev.glimpse.schema.AttentionMap;
import dev.glimpse.schema.Translation;
import dev.glimpse.schema.TranslationRequest;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serdes the topology needs: one per output value type, and optionally the decoder of Avro
 * requests (absent when no schema registry is configured; Avro requests then go to the DLQ as
 * {@link DlqReason#UNKNOWN_SCHEMA}).
 */
public record GlimpseSerdes(
        OutputFormat outputFormat,
        Serde<Translation> translation,
        Serde<AttentionMap> attention,
        Optional<Deserializer<TranslationRequest>> avroRequests) {

    public GlimpseSerdes {
        Objects.requireNonNull(outputFormat, "outputFormat");
        Objects.requireNonNull(translation, "translation");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(avroRequests, "avroRequests");
    }

    /** Plain JSON outputs and no Avro input: works without a schema registry. */
    public static GlimpseSerdes json() {
        return new GlimpseSerdes(
                OutputFormat.JSON,
                new JsonRecordSerde<>(Translation.class),
                new JsonRecordSerde<>(AttentionMap.class),
                Optional.empty());
    }

    /**
     * The serdes for {@code format}. With a registry, Avro requests are decoded whatever the output
     * format; without one ({@code registry} null), only JSON output is possible.
     *
     * @param registry the registry client, or null when none is configured
     * @param registrySettings subject naming and auto-registration for the Avro serializers (ignored without a registry)
     */
    public static GlimpseSerdes of(OutputFormat format, SchemaRegistryClient registry, RegistrySettings registrySettings) {
        Objects.requireNonNull(format, "format");
        if (registry == null) {
            if (format == OutputFormat.AVRO) {
                throw new IllegalArgumentException("Avro output needs a schema registry; configure one or select JSON output");
            }
            return json();
        }
        Deserializer<TranslationRequest> requests = new AvroDeserializer<>(TranslationRequest.class, registry);
        if (format == OutputFormat.JSON) {
            return json().withAvroRequests(requests);
        }
        return new GlimpseSerdes(OutputFormat.AVRO,
                AvroSerde.forType(Translation.class, registry, registrySettings, false),
                AvroSerde.forType(AttentionMap.class, registry, registrySettings, false),
                Optional.of(requests));
    }

    /** The same outputs, decoding Avro requests with {@code avroRequests}. */
    public GlimpseSerdes withAvroRequests(Deserializer<TranslationRequest> avroRequests) {
        return new GlimpseSerdes(outputFormat, translation, attention, Optional.of(avroRequests));
    }
}
