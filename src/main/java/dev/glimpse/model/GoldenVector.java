package dev.glimpse.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One test vector the exporter recorded from PyTorch, and the start-up self-test that makes the
 * engine reproduce them all: same source ids, same output ids, same text, attention within
 * {@link #TOLERANCE}. A bundle whose ONNX files do not compute what PyTorch computed never loads.
 *
 * @param outputIds emitted ids, eos excluded
 * @param attention [output step][source token]
 */
record GoldenVector(String input, int[] sourceIds, int[] outputIds, String text, float[][] attention) {

    static final double TOLERANCE = 1e-4;
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<GoldenVector> parse(String origin, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ModelLoadException(origin + ": golden.json is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode vectors = root != null && root.isObject() ? root.get("vectors") : root;
        if (vectors == null || !vectors.isArray() || vectors.isEmpty()) {
            throw new ModelLoadException(origin + ": golden.json holds no test vectors");
        }
        List<GoldenVector> out = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            JsonNode v = vectors.get(i);
            try {
                out.add(new GoldenVector(field(v, "input").asText(), ints(field(v, "src_ids")),
                        ints(field(v, "output_ids")), field(v, "text").asText(),
                        matrix(field(v, "attention"))));
            } catch (IllegalArgumentException e) {
                throw new ModelLoadException(origin + ": golden.json vector " + i + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Decodes every vector as one batch and fails naming the first vector the engine does not reproduce. */
    static void selfTest(String origin, List<GoldenVector> vectors, ModelManifest manifest,
            StepModel model, TextDecoder textDecoder) {
        Vocabulary vocabulary = manifest.vocabulary();
        int[][] sources = new int[vectors.size()][];
        int[] limits = new int[vectors.size()];
        for (int i = 0; i < sources.length; i++) {
            GoldenVector vector = vectors.get(i);
            int[] encoded = vocabulary.encode(CodePoints.split(vector.input()));
            if (!Arrays.equals(encoded, vector.sourceIds())) {
                throw vector.failure(origin, i, "the engine encodes the input as " + Arrays.toString(encoded)
                        + ", golden.json says " + Arrays.toString(vector.sourceIds()));
            }
            sources[i] = vector.sourceIds();
            limits[i] = manifest.maxTargetLength(sources[i].length);
        }
        List<DecodedSequence> decoded = new GreedyDecoder(vocabulary.bos(), vocabulary.eos(), vocabulary.pad())
                .decode(model, sources, limits);
        for (int i = 0; i < sources.length; i++) {
            vectors.get(i).compare(origin, i, decoded.get(i));
        }
        List<String> inputs = vectors.stream().map(GoldenVector::input).toList();
        List<TranslationResult> texts = textDecoder.translate(inputs);
        for (int i = 0; i < sources.length; i++) {
            GoldenVector vector = vectors.get(i);
            if (!texts.get(i).text().equals(vector.text())) {
                throw vector.failure(origin, i, "the engine's text is '" + texts.get(i).text()
                        + "', golden.json says '" + vector.text() + "'");
            }
        }
    }

    private void compare(String origin, int index, DecodedSequence actual) {
        if (!Arrays.equals(actual.ids(), outputIds)) {
            throw failure(origin, index, "output ids differ: the engine gives " + Arrays.toString(actual.ids())
                    + ", golden.json says " + Arrays.toString(outputIds));
        }
        if (attention.length != outputIds.length) {
            throw failure(origin, index, "golden.json has " + attention.length + " attention rows for "
                    + outputIds.length + " output ids");
        }
        for (int t = 0; t < attention.length; t++) {
            float[] want = attention[t];
            float[] got = actual.attention()[t];
            if (want.length != got.length) {
                throw failure(origin, index, "attention row " + t + " has " + got.length
                        + " weights, golden.json has " + want.length);
            }
            for (int s = 0; s < want.length; s++) {
                if (Math.abs(want[s] - got[s]) > TOLERANCE) {
                    throw failure(origin, index, "attention[" + t + "][" + s + "] is " + got[s]
                            + ", golden.json says " + want[s] + " (tolerance " + TOLERANCE + ")");
                }
            }
        }
    }

    private ModelLoadException failure(String origin, int index, String detail) {
        String shown = input.length() > 40 ? input.substring(0, 40) + "..." : input;
        return new ModelLoadException(origin + ": start-up self-test failed on golden vector " + index
                + " (input '" + shown + "'): " + detail);
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no field '" + name + "'");
        }
        return value;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static float[][] matrix(JsonNode rows) {
        float[][] out = new float[rows.size()][];
        for (int t = 0; t < out.length; t++) {
            JsonNode row = rows.get(t);
            out[t] = new float[row.size()];
            for (int s = 0; s < out[t].length; s++) {
                out[t][s] = (float) row.get(s).asDouble();
            }
        }
        return out;
    }
}
