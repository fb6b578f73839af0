package dev.glimpse.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a generated Avro record as a plain JSON object with the schema's field names, and reads it
 * back. Unlike Avro's own JSON encoding, unions are not wrapped ({@code "source_topic": "x"}, not
 * {@code {"string": "x"}}), so any JSON consumer can read it; timestamps are epoch milliseconds as
 * in the Avro encoding.
 */
public final class JsonRecordSerde<T extends SpecificRecord> implements Serde<T> {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    // Schubfach float formatting: several times faster than Float.toString, same shortest digits.
    private static final JsonFactory FACTORY =
            JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private final Class<T> type;
    private final Schema schema;

    public JsonRecordSerde(Class<T> type) {
        this.type = type;
        this.schema = SpecificData.get().getSchema(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> {
            if (record == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            try (JsonGenerator json = FACTORY.createGenerator(out)) {
                write(json, record.getSchema(), record);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("Cannot write " + type.getSimpleName() + " as JSON", e);
            }
            return out.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return readRecord(MAPPER.readTree(bytes));
            } catch (IOException | ReflectiveOperationException | RuntimeException e) {
                throw new SerializationException(
                        "Cannot read " + type.getSimpleName() + " from JSON: " + e.getMessage(), e);
            }
        };
    }

    /** Streams straight to bytes: an attention matrix has thousands of floats, too many for a tree. */
    private static void write(JsonGenerator json, Schema schema, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) value;
                json.writeStartObject();
                for (Schema.Field field : schema.getFields()) {
                    json.writeFieldName(field.name());
                    write(json, field.schema(), record.get(field.pos()));
                }
                json.writeEndObject();
            }
            case UNION -> write(json, nonNullBranch(schema), value);
            case ARRAY -> {
                json.writeStartArray();
                for (Object element : (Collection<?>) value) {
                    write(json, schema.getElementType(), element);
                }
                json.writeEndArray();
            }
            case MAP -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    json.writeFieldName(entry.getKey().toString());
                    write(json, schema.getValueType(), entry.getValue());
                }
                json.writeEndObject();
            }
            case STRING, ENUM -> json.writeString(value.toString());
            case INT -> json.writeNumber((Integer) value);
            case LONG -> json.writeNumber(value instanceof Instant instant ? instant.toEpochMilli() : (Long) value);
            case FLOAT -> json.writeNumber((Float) value);
            case DOUBLE -> json.writeNumber((Double) value);
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            default -> throw new IllegalArgumentException("Unsupported Avro type " + schema.getType());
        }
    }

    /**
     * Instantiates the generated class directly: Avro's class-by-name lookup would need the package
     * trusted through a system property. Glimpse's records nest no records, so only the top level is
     * a record.
     */
    private T readRecord(JsonNode node) throws ReflectiveOperationException {
        String path = schema.getName();
        requireThat(node.isObject(), path, "an object");
        T record = type.getDeclaredConstructor().newInstance();
        for (Schema.Field field : schema.getFields()) {
            JsonNode child = node.get(field.name());
            Object value;
            if (child == null && field.hasDefaultValue()) {
                value = SpecificData.get().getDefaultValue(field);
            } else if (child == null) {
                throw new IllegalArgumentException(path + "." + field.name() + ": missing");
            } else {
                value = fromJson(field.schema(), child, path + "." + field.name());
            }
            record.put(field.pos(), value);
        }
        return record;
    }

    private static Object fromJson(Schema schema, JsonNode node, String path) {
        switch (schema.getType()) {
            case UNION: {
                if (node.isNull()) {
                    return null;
                }
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL) {
                        return fromJson(branch, node, path);
                    }
                }
                throw new IllegalArgumentException(path + ": no non-null branch");
            }
            case ARRAY: {
                requireThat(node.isArray(), path, "an array");
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(fromJson(schema.getElementType(), element, path + "[]"));
                }
                return list;
            }
            case MAP: {
                requireThat(node.isObject(), path, "an object");
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    map.put(entry.getKey(), fromJson(schema.getValueType(), entry.getValue(), path + "." + entry.getKey()));
                }
                return map;
            }
            case STRING:
                requireThat(node.isTextual(), path, "a string");
                return node.textValue();
            case INT:
                requireThat(node.canConvertToInt(), path, "an int");
                return node.intValue();
            case LONG: {
                requireThat(node.canConvertToLong(), path, "a long");
                LogicalType logical = schema.getLogicalType();
                return logical instanceof LogicalTypes.TimestampMillis
                        ? Instant.ofEpochMilli(node.longValue())
                        : (Object) node.longValue();
            }
            case FLOAT:
                requireThat(node.isNumber(), path, "a number");
                return node.floatValue();
            case DOUBLE:
                requireThat(node.isNumber(), path, "a number");
                return node.doubleValue();
            case BOOLEAN:
                requireThat(node.isBoolean(), path, "a boolean");
                return node.booleanValue();
            default:
                throw new IllegalArgumentException(path + ": unsupported Avro type " + schema.getType());
        }
    }

    private static Schema nonNullBranch(Schema union) {
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch; // Glimpse's unions are all [null, T]
            }
        }
        throw new IllegalArgumentException("Union without a non-null branch: " + union);
    }

    private static void requireThat(boolean ok, String path, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(path + ": expected " + expected);
        }
    }
}
