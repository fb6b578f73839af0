package dev.glimpse.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One test vector the exporter recorded from PyTorch (golden.json "cases"), and the start-up
 * self-test that makes the engine reproduce them all: same source ids, same output ids (eos
 * included), same text (unk replaced through attention), attention within the file's tolerance
 * at every step (the eos step included). A bundle whose ONNX files do not compute what PyTorch
 * computed never loads.
 *
 * @param outputIds emitted ids, eos excluded
 * @param eosReached whether PyTorch's decoding ended on eos
 * @param attention [decoding step][source token], one row per emitted id plus the eos step's
 */
record GoldenVector(String input, int[] sourceIds, int[] outputIds, boolean eosReached, String text,
        float[][] attention) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The cases of a golden.json and the attention tolerance it asks for. */
    record Golden(List<GoldenVector> cases, double tolerance) {}

    static Golden parse(String origin, byte[] json, int eos) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ModelLoadException(origin + ": golden.json is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode cases = root == null ? null : root.get("cases");
        if (cases == null || !cases.isArray() || cases.isEmpty()) {
            throw new ModelLoadException(origin + ": golden.json holds no test cases");
        }
        JsonNode tolerance = root.path("tolerance").path("attention");
        if (!tolerance.isNumber()) {
            throw new ModelLoadException(origin + ": golden.json has no number tolerance.attention");
        }
        List<GoldenVector> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            try {
                int[] expected = ints(field(c, "expected_ids"));
                boolean endsOnEos = expected.length > 0 && expected[expected.length - 1] == eos;
                out.add(new GoldenVector(field(c, "input").asText(), ints(field(c, "src_ids")),
                        endsOnEos ? Arrays.copyOf(expected, expected.length - 1) : expected, endsOnEos,
                        field(c, "expected_text").asText(), matrix(field(c, "attention"))));
            } catch (IllegalArgumentException e) {
                throw new ModelLoadException(origin + ": golden.json case " + i + ": " + e.getMessage(), e);
            }
        }
        return new Golden(List.copyOf(out), tolerance.asDouble());
    }

    /** Decodes every case as one batch and fails naming the first case the engine does not reproduce. */
    static void selfTest(String origin, Golden golden, ModelManifest manifest, StepModel model) {
        Vocabulary vocabulary = manifest.vocabulary();
        List<GoldenVector> cases = golden.cases();
        int[][] sources = new int[cases.size()][];
        int[] limits = new int[cases.size()];
        for (int i = 0; i < sources.length; i++) {
            GoldenVector vector = cases.get(i);
            int[] encoded = vocabulary.encode(CodePoints.split(vector.input()));
            if (!Arrays.equals(encoded, vector.sourceIds())) {
                throw vector.failure(origin, i, "the engine encodes the input as " + Arrays.toString(encoded)
                        + ", golden.json says " + Arrays.toString(vector.sourceIds()));
            }
            sources[i] = encoded;
            limits[i] = manifest.maxTargetLength(encoded.length);
        }
        List<DecodedSequence> decoded = new GreedyDecoder(vocabulary.bos(), vocabulary.eos(), vocabulary.pad())
                .decode(model, sources, limits);
        for (int i = 0; i < sources.length; i++) {
            cases.get(i).compare(origin, i, decoded.get(i), vocabulary, golden.tolerance());
        }
    }

    private void compare(String origin, int index, DecodedSequence actual, Vocabulary vocabulary,
            double tolerance) {
        if (!Arrays.equals(actual.ids(), outputIds) || actual.eosReached() != eosReached) {
            throw failure(origin, index, "output ids differ: the engine gives " + describe(actual.ids(),
                    actual.eosReached()) + ", golden.json says " + describe(outputIds, eosReached));
        }
        int steps = outputIds.length + (eosReached ? 1 : 0);
        if (attention.length != steps) {
            throw failure(origin, index, "golden.json has " + attention.length + " attention rows for "
                    + steps + " decoding steps");
        }
        for (int t = 0; t < steps; t++) {
            float[] got = t < outputIds.length ? actual.attention()[t] : actual.eosAttention();
            float[] want = attention[t];
            if (want.length != got.length) {
                throw failure(origin, index, "attention row " + t + " has " + got.length
                        + " weights, golden.json has " + want.length);
            }
            for (int s = 0; s < want.length; s++) {
                if (Math.abs(want[s] - got[s]) > tolerance) {
                    throw failure(origin, index, "attention[" + t + "][" + s + "] is " + got[s]
                            + ", golden.json says " + want[s] + " (tolerance " + tolerance + ")");
                }
            }
        }
        List<String> source = CodePoints.split(input);
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < outputIds.length; t++) {
            text.append(TextDecoder.tokenFor(vocabulary, outputIds[t], actual.attention()[t], sourceIds, source, 0));
        }
        if (!text.toString().equals(this.text)) {
            throw failure(origin, index, "the engine's text is '" + text + "', golden.json says '"
                    + this.text + "'");
        }
    }

    private static String describe(int[] ids, boolean eos) {
        return Arrays.toString(ids) + (eos ? " then eos" : " without eos");
    }

    private ModelLoadException failure(String origin, int index, String detail) {
        String shown = input.length() > 40 ? input.substring(0, 40) + "..." : input;
        return new ModelLoadException(origin + ": start-up self-test failed on golden case " + index
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
