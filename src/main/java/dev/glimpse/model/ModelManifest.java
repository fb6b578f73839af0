package dev.glimpse.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a bundle's model.json says about its model. Only the fields the engine needs are typed;
 * the whole document (training data, metrics) stays available as {@link #document()}.
 *
 * @param maxSourceLength the most source tokens one segment may have
 * @param targetExtra a source of n tokens may produce at most n + targetExtra tokens (eos excluded)
 * @param sha256 hex digest per ONNX file name
 */
public record ModelManifest(
        String name,
        String version,
        Vocabulary vocabulary,
        int maxSourceLength,
        int targetExtra,
        Dimensions dimensions,
        int opset,
        Map<String, String> sha256,
        JsonNode document) {

    /** Sizes the ONNX tensors must have: D (encoder state), A (attention), H (decoder hidden). */
    public record Dimensions(int state, int attention, int hidden) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public int maxTargetLength(int sourceLength) {
        return sourceLength + targetExtra;
    }

    static ModelManifest parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ModelLoadException("model.json is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelLoadException("model.json is not a JSON object");
        }
        List<String> tokens = new ArrayList<>();
        for (JsonNode token : required(root, "vocabulary")) {
            tokens.add(token.asText());
        }
        JsonNode special = required(root, "special_ids");
        Vocabulary vocabulary;
        try {
            vocabulary = new Vocabulary(tokens, integer(special, "pad"), integer(special, "bos"),
                    integer(special, "eos"), integer(special, "unk"));
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException("model.json vocabulary: " + e.getMessage(), e);
        }
        JsonNode dims = required(root, "dims");
        Map<String, String> sha = new LinkedHashMap<>();
        required(root, "sha256").fields().forEachRemaining(f -> sha.put(f.getKey(), f.getValue().asText()));
        return new ModelManifest(
                text(root, "name"),
                text(root, "version"),
                vocabulary,
                positive(root, "max_source_len"),
                integer(required(root, "target_length"), "extra"),
                new Dimensions(positive(dims, "state"), positive(dims, "attn"), positive(dims, "dec_hidden")),
                integer(root, "opset"),
                Map.copyOf(sha),
                root);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ModelLoadException("model.json has no field '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.canConvertToInt()) {
            throw new ModelLoadException("model.json field '" + field + "' is not an integer: " + value);
        }
        return value.asInt();
    }

    private static int positive(JsonNode node, String field) {
        int value = integer(node, field);
        if (value < 1) {
            throw new ModelLoadException("model.json field '" + field + "' must be positive: " + value);
        }
        return value;
    }
}
