package dev.glimpse.registry;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a Confluent wire-format record into a generated Avro class (or, with {@link #generic}, into a
 * {@code GenericRecord} of a given reader schema): fetches the writer schema by the id in
 * the header (cached) and resolves it into the class's schema, so records written with an older or newer
 * compatible schema are read. Thread-safe.
 *
 * <ul>
 *   <li>null bytes give null (a tombstone), as in Confluent's deserializer;</li>
 *   <li>empty or shorter than 5 bytes, or an Avro body that does not decode: {@link CorruptPayloadException};</li>
 *   <li>first byte not 0: {@link UnknownMagicByteException};</li>
 *   <li>id unknown to the registry (40403): {@link UnknownSchemaIdException};</li>
 *   <li>writer schema not readable as the class's schema: {@link IncompatibleWriterSchemaException};</li>
 *   <li>registry unreachable: {@link RegistryException} (not the record's fault: not a wire-format error).</li>
 * </ul>
 */
public final class AvroDeserializer<T> implements Deserializer<T> {

    private static final int SCHEMA_NOT_FOUND = 40403;

    private final SchemaRegistryClient client;
    private final Schema readerSchema;
    private final GenericData model;
    private final ConcurrentMap<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** A deserializer into a generated (specific) Avro class. */
    public AvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        this(client, AvroSerializer.specificSchema(type), SpecificData.getForClass(type));
    }

    private AvroDeserializer(SchemaRegistryClient client, Schema readerSchema, GenericData model) {
        this.client = Objects.requireNonNull(client, "client");
        this.readerSchema = Objects.requireNonNull(readerSchema, "readerSchema");
        this.model = model;
        if (model instanceof SpecificData) {
            TrustedAvroClasses.trust(readerSchema);
        }
    }

    /** A deserializer into {@code GenericRecord}s of {@code readerSchema}, for tools and tests. */
    public static <D> AvroDeserializer<D> generic(Schema readerSchema, SchemaRegistryClient client) {
        return new AvroDeserializer<>(client, readerSchema, GenericData.get());
    }

    /** The record schema this deserializer produces. */
    public Schema schema() {
        return readerSchema;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int schemaId = WireFormat.schemaId(data);
        DatumReader<T> reader = readerFor(schemaId);
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
        T value;
        try {
            value = reader.read(null, new BoundedDecoder(decoder, data.length));
            if (!decoder.isEnd()) {
                throw new CorruptPayloadException(schemaId, "corrupt payload: bytes left over after the record"
                        + " (schema id " + schemaId + ", " + data.length + " bytes)", null);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof WireFormatException wfe) {
                throw wfe;
            }
            throw new CorruptPayloadException(schemaId, "corrupt payload: cannot decode " + data.length
                    + " bytes with schema id " + schemaId + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
        return value;
    }

    private DatumReader<T> readerFor(int schemaId) {
        DatumReader<T> reader = readers.get(schemaId);
        if (reader != null) {
            return reader;
        }
        Schema writerSchema;
        try {
            writerSchema = client.schemaById(schemaId);
        } catch (RegistryException e) {
            if (e.errorCode() == SCHEMA_NOT_FOUND) {
                throw new UnknownSchemaIdException(schemaId, e);
            }
            throw e;
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new IncompatibleWriterSchemaException(schemaId, "schema id " + schemaId + " ("
                    + writerSchema.getFullName() + ") cannot be read as " + readerSchema.getFullName() + ": "
                    + compatibility.getDescription());
        }
        reader = model instanceof SpecificData specific
                ? new SpecificDatumReader<>(writerSchema, readerSchema, specific)
                : new GenericDatumReader<>(writerSchema, readerSchema, model);
        DatumReader<T> raced = readers.putIfAbsent(schemaId, reader);
        return raced != null ? raced : reader;
    }
}
