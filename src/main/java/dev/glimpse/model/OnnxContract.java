package dev.glimpse.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The inputs and outputs DESIGN.md's model contract requires of encoder.onnx and decoder.onnx,
 * checked against a loaded session so a wrong bundle fails at load with the exact culprit rather
 * than at the first translation.
 */
final class OnnxContract {

    /** Marks a dimension that must stay dynamic (batch or source length). */
    static final long DYNAMIC = -1;

    /** One required tensor: name, element type and dimensions (DYNAMIC, or a required size). */
    record Tensor(String name, OnnxJavaType type, long... dims) {
        String describe() {
            StringBuilder out = new StringBuilder(type.toString().toLowerCase()).append(" [");
            for (int i = 0; i < dims.length; i++) {
                out.append(i > 0 ? "," : "").append(dims[i] == DYNAMIC ? "dynamic" : Long.toString(dims[i]));
            }
            return out.append(']').toString();
        }
    }

    private OnnxContract() {}

    static List<Tensor> encoderInputs() {
        return List.of(
                new Tensor(OnnxStepModel.SRC_IDS, OnnxJavaType.INT64, DYNAMIC, DYNAMIC),
                new Tensor(OnnxStepModel.SRC_MASK, OnnxJavaType.BOOL, DYNAMIC, DYNAMIC));
    }

    static List<Tensor> encoderOutputs(ModelManifest.Dimensions d) {
        return List.of(
                new Tensor(OnnxStepModel.ENC_STATES, OnnxJavaType.FLOAT, DYNAMIC, DYNAMIC, d.state()),
                new Tensor(OnnxStepModel.ENC_KEYS, OnnxJavaType.FLOAT, DYNAMIC, DYNAMIC, d.attention()),
                new Tensor(OnnxStepModel.DEC_HIDDEN, OnnxJavaType.FLOAT, DYNAMIC, d.hidden()));
    }

    static List<Tensor> decoderInputs(ModelManifest.Dimensions d) {
        List<Tensor> inputs = new ArrayList<>(List.of(
                new Tensor(OnnxStepModel.PREV_IDS, OnnxJavaType.INT64, DYNAMIC),
                new Tensor(OnnxStepModel.DEC_HIDDEN, OnnxJavaType.FLOAT, DYNAMIC, d.hidden()),
                new Tensor(OnnxStepModel.ENC_STATES, OnnxJavaType.FLOAT, DYNAMIC, DYNAMIC, d.state()),
                new Tensor(OnnxStepModel.ENC_KEYS, OnnxJavaType.FLOAT, DYNAMIC, DYNAMIC, d.attention()),
                new Tensor(OnnxStepModel.SRC_MASK, OnnxJavaType.BOOL, DYNAMIC, DYNAMIC)));
        if (d.coverage()) {
            inputs.add(new Tensor(OnnxStepModel.COVERAGE, OnnxJavaType.FLOAT, DYNAMIC, DYNAMIC));
        }
        return List.copyOf(inputs);
    }

    static List<Tensor> decoderOutputs(ModelManifest.Dimensions d, int vocabularySize) {
        List<Tensor> outputs = new ArrayList<>(List.of(
                new Tensor(OnnxStepModel.LOGITS, OnnxJavaType.FLOAT, DYNAMIC, vocabularySize),
                new Tensor(OnnxStepModel.NEXT_HIDDEN, OnnxJavaType.FLOAT, DYNAMIC, d.hidden()),
                new Tensor(OnnxStepModel.ATTENTION, OnnxJavaType.FLOAT, DYNAMIC, DYNAMIC)));
        if (d.coverage()) {
            outputs.add(new Tensor(OnnxStepModel.NEXT_COVERAGE, OnnxJavaType.FLOAT, DYNAMIC, DYNAMIC));
        }
        return List.copyOf(outputs);
    }

    /** Throws a ModelLoadException listing every way {@code session} breaks the contract. */
    static void check(String file, OrtSession session, List<Tensor> inputs, List<Tensor> outputs) {
        List<String> problems;
        try {
            problems = problems(file, session.getInputInfo(), session.getOutputInfo(), inputs, outputs);
        } catch (OrtException e) {
            throw new ModelLoadException(file + ": cannot read its inputs and outputs", e);
        }
        if (!problems.isEmpty()) {
            throw new ModelLoadException(String.join("; ", problems));
        }
    }

    /** Every way the given input and output infos break the contract; empty when they keep it. */
    static List<String> problems(String file, Map<String, NodeInfo> actualInputs,
            Map<String, NodeInfo> actualOutputs, List<Tensor> inputs, List<Tensor> outputs) {
        List<String> problems = new ArrayList<>();
        compare(file, "input", actualInputs, inputs, true, problems);
        compare(file, "output", actualOutputs, outputs, false, problems);
        return problems;
    }

    private static void compare(String file, String kind, Map<String, NodeInfo> actual,
            List<Tensor> required, boolean exact, List<String> problems) {
        for (Tensor want : required) {
            NodeInfo node = actual.get(want.name());
            if (node == null) {
                problems.add(file + " has no " + kind + " '" + want.name() + "' (" + want.describe()
                        + "); its " + kind + "s are " + actual.keySet());
                continue;
            }
            if (!(node.getInfo() instanceof TensorInfo info)) {
                problems.add(file + " " + kind + " '" + want.name() + "' is not a tensor: " + node.getInfo());
                continue;
            }
            String wrong = mismatch(want, info);
            if (wrong != null) {
                problems.add(file + " " + kind + " '" + want.name() + "' " + wrong + ": expected "
                        + want.describe() + ", found " + describe(info));
            }
        }
        if (exact) {
            // An input the engine does not feed would make every run fail.
            List<String> names = required.stream().map(Tensor::name).toList();
            for (String name : actual.keySet()) {
                if (!names.contains(name)) {
                    problems.add(file + " has an unexpected " + kind + " '" + name + "'; the contract's "
                            + kind + "s are " + names);
                }
            }
        }
    }

    private static String mismatch(Tensor want, TensorInfo info) {
        if (info.type != want.type()) {
            return "has the wrong type";
        }
        long[] shape = info.getShape();
        if (shape.length != want.dims().length) {
            return "has the wrong rank";
        }
        for (int i = 0; i < shape.length; i++) {
            long required = want.dims()[i];
            boolean dynamic = shape[i] < 0;
            if (required == DYNAMIC && !dynamic) {
                return "has a fixed dimension " + i + " where the contract needs a dynamic one";
            }
            if (required != DYNAMIC && !dynamic && shape[i] != required) {
                return "has the wrong size in dimension " + i;
            }
        }
        return null;
    }

    private static String describe(TensorInfo info) {
        long[] shape = info.getShape();
        String[] names = info.getDimensionNames();
        String[] dims = new String[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i] >= 0 ? Long.toString(shape[i])
                    : (names != null && i < names.length && !names[i].isEmpty() ? names[i] : "dynamic");
        }
        return info.type.toString().toLowerCase() + " " + Arrays.toString(dims).replace(" ", "");
    }
}
