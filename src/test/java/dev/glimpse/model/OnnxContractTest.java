package dev.glimpse.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check's messages, on tensor descriptions built without a model. */
class OnnxContractTest {

    private static final List<OnnxContract.Tensor> INPUTS = OnnxContract.encoderInputs();
    private static final ModelManifest.Dimensions DIMS = new ModelManifest.Dimensions(6, 4, 5, false);

    private static NodeInfo node(String name, OnnxJavaType type, long... shape) throws OrtException {
        int elements = 1;
        for (long dim : shape) {
            elements *= (int) dim;
        }
        ByteBuffer bytes = ByteBuffer.allocate(elements * type.size);
        java.nio.Buffer buffer = switch (type) {
            case INT64 -> bytes.asLongBuffer();
            case INT32 -> bytes.asIntBuffer();
            case FLOAT -> bytes.asFloatBuffer();
            default -> bytes;
        };
        return new NodeInfo(name, TensorInfo.constructFromBuffer(buffer, shape, type));
    }

    private static List<String> signatures(List<OnnxContract.Tensor> tensors) {
        return tensors.stream().map(t -> t.name() + " " + t.describe()).toList();
    }

    private static Map<String, NodeInfo> infos(NodeInfo... nodes) {
        Map<String, NodeInfo> out = new LinkedHashMap<>();
        for (NodeInfo node : nodes) {
            out.put(node.getName(), node);
        }
        return out;
    }

    @Test
    void shouldNameAnInputOfTheWrongType() throws OrtException {
        List<String> problems = OnnxContract.problems("encoder.onnx",
                infos(node("src_ids", OnnxJavaType.INT32, 1, 1), node("src_mask", OnnxJavaType.BOOL, 1, 1)),
                Map.of(), INPUTS, List.of());

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(
                "encoder.onnx input 'src_ids' has the wrong type: expected int64 [dynamic,dynamic], found int32 [1,1]"));
    }

    @Test
    void shouldNameAnOutputOfTheWrongRank() throws OrtException {
        List<String> problems = OnnxContract.problems("encoder.onnx", Map.of(),
                infos(node("dec_hidden", OnnxJavaType.FLOAT, 1, 1, 5)), List.of(),
                OnnxContract.encoderOutputs(DIMS).subList(2, 3));

        assertThat(problems).containsExactly("encoder.onnx output 'dec_hidden' has the wrong rank: "
                + "expected float [dynamic,5], found float [1,1,5]");
    }

    @Test
    void shouldRefuseAFixedBatchDimension() throws OrtException {
        List<String> problems = OnnxContract.problems("decoder.onnx", infos(node("prev_ids", OnnxJavaType.INT64, 1)),
                Map.of(), OnnxContract.decoderInputs(DIMS).subList(0, 1), List.of());

        assertThat(problems).containsExactly("decoder.onnx input 'prev_ids' has a fixed dimension 0 where the "
                + "contract needs a dynamic one: expected int64 [dynamic], found int64 [1]");
    }

    @Test
    void shouldRequireTheCoverageStateOnlyOfAModelThatDeclaresIt() throws OrtException {
        ModelManifest.Dimensions withCoverage = new ModelManifest.Dimensions(6, 4, 5, true);
        List<OnnxContract.Tensor> inputs = OnnxContract.decoderInputs(withCoverage);
        List<OnnxContract.Tensor> outputs = OnnxContract.decoderOutputs(withCoverage, 9);

        assertThat(OnnxContract.decoderInputs(DIMS)).extracting(OnnxContract.Tensor::name)
                .containsExactly("prev_ids", "dec_hidden", "enc_states", "enc_keys", "src_mask");
        assertThat(OnnxContract.decoderOutputs(DIMS, 9)).extracting(OnnxContract.Tensor::name)
                .containsExactly("logits", "next_hidden", "attention");
        assertThat(signatures(inputs.subList(0, 5))).isEqualTo(signatures(OnnxContract.decoderInputs(DIMS)));
        assertThat(signatures(outputs.subList(0, 3))).isEqualTo(signatures(OnnxContract.decoderOutputs(DIMS, 9)));
        assertThat(OnnxContract.problems("decoder.onnx", Map.of(),
                infos(node("logits", OnnxJavaType.FLOAT, 1, 9)), inputs.subList(5, 6), outputs.subList(3, 4)))
                .containsExactly(
                        "decoder.onnx has no input 'coverage' (float [dynamic,dynamic]); its inputs are []",
                        "decoder.onnx has no output 'next_coverage' (float [dynamic,dynamic]); its outputs are [logits]");
    }

    @Test
    void shouldNameMissingAndUnexpectedInputs() throws OrtException {
        List<String> problems = OnnxContract.problems("encoder.onnx",
                infos(node("ids", OnnxJavaType.INT64, 1, 1)), Map.of(), INPUTS.subList(0, 1), List.of());

        assertThat(problems).containsExactly(
                "encoder.onnx has no input 'src_ids' (int64 [dynamic,dynamic]); its inputs are [ids]",
                "encoder.onnx has an unexpected input 'ids'; the contract's inputs are [src_ids]");
    }
}
