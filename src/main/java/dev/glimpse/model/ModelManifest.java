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
 * @param segmentLength the most tokens of one run of words cut from longer text (model.json
 *     {@code segment_len}, optional, at most {@code maxSourceLength}, which is its default)
 * @param targetFactor with targetExtra, the length limit: a source of n tokens is decoded for at
 *     most {@code targetFactor * n + targetExtra} steps, the eos step included
 * @param sha256 hex digest per ONNX file name
 */
public record ModelManifest(
        String name,
        String version,
        Vocabulary vocabulary,
        int maxSourceLength,
        int segmentLength,
        int targetFactor,
        int targetExtra,
        Dimensions dimensions,
        int opset,
        Map<String, String> sha256,
        JsonNode document) {

    /**
     * Sizes the ONNX tensors must have: D (encoder state), A (attention), H (decoder hidden); and
     * whether the decoder carries attention coverage (model.json {@code dimensions.coverage_kernel}
     * over 0), a second recurrent state {@code coverage} in, {@code next_coverage} out, [B,S].
     */
    public record Dimensions(int state, int attention, int hidden, boolean coverage) {}

    /** File names of the two graphs, as model.json's "onnx" section keys them. */
    private static final Map<String, String> GRAPHS =
            Map.of("encoder", BundleFiles.ENCODER, "decoder", BundleFiles.DECODER);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The most tokens a source of {@code sourceLength} tokens may produce, eos excluded: as many as
     * the steps the rule allows, since a row that never emits eos emits a token at every step.
     */
    public int maxTargetLength(int sourceLength) {
        return targetFactor * sourceLength + targetExtra;
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
        JsonNode dims = required(root, "dimensions");
        if (integer(dims, "vocab") != vocabulary.size()) {
            throw new ModelLoadException("model.json dimensions.vocab is " + integer(dims, "vocab")
                    + " but the vocabulary has " + vocabulary.size() + " entries");
        }
        JsonNode onnx = required(root, "onnx");
        Map<String, String> sha = new LinkedHashMap<>();
        GRAPHS.forEach((key, file) -> sha.put(file, text(required(onnx, key), "sha256")));
        int maxSourceLength = positive(root, "max_source_len");
        int segmentLength = root.hasNonNull("segment_len") ? positive(root, "segment_len") : maxSourceLength;
        if (segmentLength > maxSourceLength) {
            throw new ModelLoadException("model.json segment_len " + segmentLength + " is over max_source_len "
                    + maxSourceLength);
        }
        return new ModelManifest(
                text(root, "name"),
                text(root, "version"),
                vocabulary,
                maxSourceLength,
                segmentLength,
                integer(root, "target_len_factor"),
                integer(root, "target_len_extra"),
                new Dimensions(positive(dims, "enc_state"), positive(dims, "attention"),
                        positive(dims, "dec_hidden"), coverageKernel(dims) > 0),
                integer(onnx, "opset"),
                Map.copyOf(sha),
                root);
    }

    /** Optional: bundles from before coverage have no such field, and their decoder none. */
    private static int coverageKernel(JsonNode dims) {
        if (!dims.hasNonNull("coverage_kernel")) {
            return 0;
        }
        int kernel = integer(dims, "coverage_kernel");
        if (kernel < 0) {
            throw new ModelLoadException("model.json field 'coverage_kernel' must not be negative: " + kernel);
        }
        return kernel;
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
