package dev.glimpse.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes an Avro record (a generated class, or a {@code GenericRecord} of a given schema) in the
 * Confluent wire format. The schema id is resolved once per topic
 * (registered, looked up, or the subject's latest version, per {@link RegistrySettings}) and kept, so
 * serializing makes no registry call after the first record of a topic. With use-latest-version the
 * latest schema is taken at the first record of a topic and kept for the life of the serializer (a
 * restart picks up a newer one). A null value gives null (a tombstone). Thread-safe.
 */
public final class AvroSerializer<T> implements Serializer<T> {

    private final SchemaRegistryClient client;
    private final RegistrySettings settings;
    private final boolean isKey;
    private final Schema schema;
    private final DatumWriter<T> writer;
    private final ConcurrentMap<String, Target<T>> targets = new ConcurrentHashMap<>();

    /** Where records of one topic go: the schema id, and a converter when the registered schema differs. */
    private record Target<T>(int schemaId, Converter<T> converter) {}

    /** A serializer of a generated (specific) Avro class. */
    public AvroSerializer(Class<T> type, SchemaRegistryClient client, RegistrySettings settings, boolean isKey) {
        this(client, settings, isKey, specificSchema(type),
                new SpecificDatumWriter<>(specificSchema(type), SpecificData.getForClass(type)));
    }

    private AvroSerializer(SchemaRegistryClient client, RegistrySettings settings, boolean isKey, Schema schema,
                           DatumWriter<T> writer) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.isKey = isKey;
        this.schema = schema;
        this.writer = writer;
    }

    /** A serializer of {@code GenericRecord}s (or other generic data) of {@code schema}, for tools and tests. */
    public static <D> AvroSerializer<D> generic(Schema schema, SchemaRegistryClient client, RegistrySettings settings,
                                                boolean isKey) {
        return new AvroSerializer<>(client, settings, isKey, schema, new GenericDatumWriter<>(schema, GenericData.get()));
    }

    static Schema specificSchema(Class<?> type) {
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " is not a generated Avro class (SpecificRecord)");
        }
        return SpecificData.getForClass(type).getSchema(type);
    }

    /** The record schema this serializer writes. */
    public Schema schema() {
        return schema;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        Target<T> target = targets.get(topic);
        if (target == null) {
            target = resolve(topic);
            targets.putIfAbsent(topic, target);
        }
        try {
            if (target.converter() == null) {
                return encode(writer, data, target.schemaId());
            }
            return encode(target.converter().writer(), target.converter().convert(data), target.schemaId());
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot serialize " + schema.getFullName() + " for topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    private Target<T> resolve(String topic) {
        String subject = settings.subjectNameStrategy().subject(topic, schema, isKey);
        if (settings.autoRegister()) {
            return new Target<>(client.register(subject, schema), null);
        }
        if (settings.useLatestVersion()) {
            RegisteredSchema latest = client.latestVersion(subject);
            SchemaCompatibility.SchemaPairCompatibility compatibility =
                    SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), schema);
            if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new SerializationException("latest schema of subject " + subject + " (id " + latest.id()
                        + ") cannot read " + schema.getFullName() + ": " + compatibility.getDescription());
            }
            return new Target<>(latest.id(), latest.schema().equals(schema) ? null : new Converter<>(schema, latest.schema(), writer));
        }
        return new Target<>(client.lookup(subject, schema).id(), null);
    }

    /**
     * Turns a record of our schema into a generic record of the registered (latest) schema by Avro schema
     * resolution: fields the latest schema lacks are dropped, fields it adds take their defaults. Only used
     * with use-latest-version, where the two schemas may differ.
     */
    private static final class Converter<T> {
        private final DatumWriter<T> ours;
        private final GenericDatumReader<Object> reader;
        private final DatumWriter<Object> writer;

        Converter(Schema ourSchema, Schema registered, DatumWriter<T> ours) {
            this.ours = ours;
            this.reader = new GenericDatumReader<>(ourSchema, registered, GenericData.get());
            this.writer = new GenericDatumWriter<>(registered, GenericData.get());
        }

        DatumWriter<Object> writer() {
            return writer;
        }

        Object convert(T data) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            ours.write(data, encoder);
            encoder.flush();
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
            return reader.read(null, decoder);
        }
    }

    private static <D> byte[] encode(DatumWriter<D> writer, D datum, int schemaId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        byte[] header = new byte[WireFormat.HEADER_SIZE];
        WireFormat.writeHeader(header, schemaId);
        out.write(header);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
