package dev.glimpse.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.schema.AttentionMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Builds {@link AttentionView}s from attention-topic records, Avro or JSON. */
public final class AttentionViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AttentionViews() {}

    /** From the Avro record (already deserialized, e.g. by the registry serde). */
    public static AttentionView fromAvro(AttentionMap map, ConsumerRecord<?, ?> record) {
        return new AttentionView(
                map.getRequestId(),
                keyText(record),
                map.getModelName(),
                map.getModelVersion(),
                map.getSourceTokens(),
                map.getTargetTokens(),
                map.getWeights(),
                map.getStepEntropy(),
                map.getMeanEntropy(),
                record.partition(),
                record.offset(),
                record.timestamp());
    }

    /**
     * From the JSON output format: an object with the AttentionMap schema's field names
     * ({@code request_id}, {@code source_tokens}, {@code weights}, ...).
     *
     * @throws IllegalArgumentException when the bytes are not such an object
     */
    public static AttentionView fromJson(byte[] value, ConsumerRecord<?, ?> record) {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("attention record is not JSON: " + e.getMessage(), e);
        }
        List<List<Float>> weights = new ArrayList<>();
        for (JsonNode row : required(node, "weights")) {
            weights.add(floats(row));
        }
        return new AttentionView(
                required(node, "request_id").asText(),
                keyText(record),
                required(node, "model_name").asText(),
                required(node, "model_version").asText(),
                strings(required(node, "source_tokens")),
                strings(required(node, "target_tokens")),
                weights,
                floats(required(node, "step_entropy")),
                required(node, "mean_entropy").asDouble(),
                record.partition(),
                record.offset(),
                record.timestamp());
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("attention JSON has no field " + field);
        }
        return value;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Float> floats(JsonNode array) {
        List<Float> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add((float) n.asDouble()));
        return out;
    }

    private static String keyText(ConsumerRecord<?, ?> record) {
        Object key = record.key();
        if (key == null) {
            return null;
        }
        return key instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : key.toString();
    }
}
