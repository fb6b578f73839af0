package dev.glimpse.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.registry.IncompatibleWriterSchemaException;
import dev.glimpse.registry.UnknownSchemaIdException;
import dev.glimpse.schema.TranslationRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns the raw value of an input record into a {@link ParsedRequest}, or rejects it with a
 * {@link DlqReason}.
 *
 * <p>An unreachable registry is not the record's fault: its {@code RegistryException} is not
 * caught here, so the pipeline stops instead of dead-lettering every Avro request during an outage.
 *
 * <p>Format detection: a value whose first byte is 0 (the Confluent wire-format magic byte) is Avro;
 * valid UTF-8 text never starts with NUL, so this cannot misread a text request. A value that parses
 * completely as a JSON object is a JSON request. Anything else that is valid UTF-8 (including
 * JSON-looking text such as {@code {not json} or {@code ["a"]}) is plain text, as
 * {@code kafka-console-producer} sends it.
 */
public final class RequestDecoder {

    private static final byte MAGIC_BYTE = 0;
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final int maxTextChars;
    private final Optional<Deserializer<TranslationRequest>> avro;

    /**
     * @param maxTextChars longest accepted text in Unicode code points
     * @param avro decoder of Avro requests, absent when no schema registry is configured
     */
    public RequestDecoder(int maxTextChars, Optional<Deserializer<TranslationRequest>> avro) {
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("maxTextChars must be at least 1, got " + maxTextChars);
        }
        this.maxTextChars = maxTextChars;
        this.avro = Objects.requireNonNull(avro, "avro");
    }

    /** Decodes {@code value} read from {@code topic}; throws {@link RejectedRecordException}. */
    public ParsedRequest decode(String topic, Headers headers, byte[] value) {
        if (value == null || value.length == 0) {
            throw new RejectedRecordException(
                    DlqReason.EMPTY, value == null ? "Record value is null" : "Record value is empty");
        }
        ParsedRequest request = value[0] == MAGIC_BYTE ? decodeAvro(topic, headers, value) : decodeText(value);
        return validated(request);
    }

    private ParsedRequest decodeAvro(String topic, Headers headers, byte[] value) {
        Deserializer<TranslationRequest> deserializer = avro.orElseThrow(() -> new RejectedRecordException(
                DlqReason.UNKNOWN_SCHEMA,
                "Avro (Confluent wire format) request, but Glimpse runs without a schema registry"));
        TranslationRequest request;
        try {
            request = deserializer.deserialize(topic, headers, value);
        } catch (SerializationException e) {
            throw new RejectedRecordException(
                    reasonFor(e), "Cannot decode Avro request: " + e.getMessage(), e);
        }
        if (request == null || request.getText() == null) {
            throw new RejectedRecordException(DlqReason.UNDECODABLE, "Avro request decoded to no text");
        }
        return new ParsedRequest(
                blankToNull(request.getId()), request.getText(), request.getAttributes(), RequestFormat.AVRO);
    }

    private static DlqReason reasonFor(SerializationException e) {
        if (e instanceof UnknownSchemaIdException) {
            return DlqReason.UNKNOWN_SCHEMA;
        }
        if (e instanceof IncompatibleWriterSchemaException) {
            return DlqReason.INCOMPATIBLE_SCHEMA;
        }
        return DlqReason.UNDECODABLE; // corrupt payload, truncated header, anything else unreadable
    }

    private static ParsedRequest decodeText(byte[] value) {
        String text = strictUtf8(value);
        if (looksLikeJsonObject(text)) {
            JsonNode node = parseJsonOrNull(text);
            if (node != null && node.isObject()) {
                return fromJson(node);
            }
        }
        return new ParsedRequest(null, text, Map.of(), RequestFormat.TEXT);
    }

    private static String strictUtf8(byte[] value) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
            // Some Windows tools prefix UTF-8 with a byte order mark; it is not part of the text.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new RejectedRecordException(
                    DlqReason.UNDECODABLE, "Value is neither Avro wire format nor valid UTF-8 text", e);
        }
    }

    private static boolean looksLikeJsonObject(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    private static JsonNode parseJsonOrNull(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null; // not JSON after all: plain text that starts with a brace
        }
    }

    private static ParsedRequest fromJson(JsonNode node) {
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            throw new RejectedRecordException(
                    DlqReason.INVALID_REQUEST, "JSON request has no string field \"text\"");
        }
        return new ParsedRequest(jsonId(node.get("id")), text.textValue(), jsonAttributes(node.get("attributes")),
                RequestFormat.JSON);
    }

    private static String jsonId(JsonNode id) {
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.isTextual() || id.isIntegralNumber()) {
            return blankToNull(id.asText());
        }
        throw new RejectedRecordException(
                DlqReason.INVALID_REQUEST, "JSON request \"id\" must be a string or an integer, got " + id.getNodeType());
    }

    private static Map<String, String> jsonAttributes(JsonNode attributes) {
        if (attributes == null || attributes.isNull()) {
            return Map.of();
        }
        if (!attributes.isObject()) {
            throw new RejectedRecordException(
                    DlqReason.INVALID_REQUEST, "JSON request \"attributes\" must be an object");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw new RejectedRecordException(DlqReason.INVALID_REQUEST,
                        "JSON request attribute \"" + entry.getKey() + "\" must be a string, number or boolean");
            }
            result.put(entry.getKey(), value.asText());
        }
        return result;
    }

    private ParsedRequest validated(ParsedRequest request) {
        String text = request.text();
        if (text.isBlank()) {
            throw new RejectedRecordException(DlqReason.BLANK, "Text is empty or only whitespace");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxTextChars) {
            throw new RejectedRecordException(DlqReason.TOO_LONG,
                    "Text has " + length + " characters, more than the limit of " + maxTextChars);
        }
        return request;
    }

    private static String blankToNull(String id) {
        return id == null || id.isBlank() ? null : id;
    }
}
