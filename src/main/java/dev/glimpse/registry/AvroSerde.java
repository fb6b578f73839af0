package dev.glimpse.registry;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serde} for a generated Avro class in the Confluent wire format, interoperable with
 * Confluent's {@code SpecificAvroSerde}. See {@link AvroSerializer} and {@link AvroDeserializer} for the
 * behaviour, including null handling and the typed {@link WireFormatException}s.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    private AvroSerde(AvroSerializer<T> serializer, AvroDeserializer<T> deserializer) {
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    /**
     * @param type     the generated class, e.g. {@code Translation.class}
     * @param client   shared registry client (its caches make the hot path HTTP-free)
     * @param settings subject naming, auto-register and use-latest-version
     * @param isKey    true for record keys ({@code <topic>-key} subjects)
     */
    public static <T extends SpecificRecord> AvroSerde<T> forType(
            Class<T> type, SchemaRegistryClient client, RegistrySettings settings, boolean isKey) {
        return new AvroSerde<>(new AvroSerializer<>(type, client, settings, isKey), new AvroDeserializer<>(type, client));
    }

    /** The record schema of {@code T}. */
    public Schema schema() {
        return serializer.schema();
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
