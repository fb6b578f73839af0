package dev.glimpse.stream;

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

    /** The same outputs, decoding Avro requests with {@code avroRequests}. */
    public GlimpseSerdes withAvroRequests(Deserializer<TranslationRequest> avroRequests) {
        return new GlimpseSerdes(outputFormat, translation, attention, Optional.of(avroRequests));
    }
}
