package dev.glimpse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadBundleTest {

    @TempDir Path temp;
    private Path bundle;

    @BeforeEach
    void copyBundle() {
        bundle = BundleCopies.copyShipped(temp.resolve("bundle"));
    }

    @Test
    void shouldLoadAnIntactCopy() {
        try (OnnxTranslator copy = OnnxTranslator.load(bundle);
                OnnxTranslator shipped = OnnxTranslator.loadBundled(OnnxTranslator.DEFAULT_MODEL)) {
            assertThat(copy.info()).isEqualTo(shipped.info());
            assertThat(copy.translate("the cat sat").text()).isEqualTo(shipped.translate("the cat sat").text());
        }
    }

    @Test
    void shouldNameTheMissingFile() throws IOException {
        Files.delete(bundle.resolve("decoder.onnx"));

        assertThatThrownBy(() -> OnnxTranslator.load(bundle))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("model bundle " + bundle + ": missing decoder.onnx");
    }

    @Test
    void shouldNameTheFileWhoseChecksumDiffers() throws IOException {
        Files.write(bundle.resolve("encoder.onnx"), new byte[] {0}, StandardOpenOption.APPEND);

        assertThatThrownBy(() -> OnnxTranslator.load(bundle))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("checksum of encoder.onnx differs: model.json says ")
                .hasMessageContaining("the file's sha256 is "
                        + BundleFiles.sha256(Files.readAllBytes(bundle.resolve("encoder.onnx"))));
    }

    @Test
    void shouldNameTheMissingInputsWhenEncoderAndDecoderAreSwapped() throws IOException {
        Path encoder = bundle.resolve("encoder.onnx");
        Path decoder = bundle.resolve("decoder.onnx");
        Path parked = bundle.resolve("parked");
        Files.move(encoder, parked);
        Files.move(decoder, encoder);
        Files.move(parked, decoder);
        BundleCopies.resealChecksums(bundle);

        assertThatThrownBy(() -> OnnxTranslator.load(bundle))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("encoder.onnx has no input 'src_ids' (int64 [dynamic,dynamic])")
                .hasMessageContaining("encoder.onnx has an unexpected input 'prev_ids'")
                .hasMessageContaining("encoder.onnx has no output 'enc_states'");
    }

    @Test
    void shouldNameTheTensorWhoseShapeBreaksTheContract() {
        BundleCopies.editJson(bundle.resolve("model.json"),
                root -> ((ObjectNode) root.get("dimensions")).put("dec_hidden", 7));

        assertThatThrownBy(() -> OnnxTranslator.load(bundle))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("encoder.onnx output 'dec_hidden' has the wrong size in dimension 1: "
                        + "expected float [dynamic,7], found float [");
    }

    @Test
    void shouldNameTheCoverageInputWhenModelJsonSaysTheDecoderHasNone() {
        BundleCopies.editJson(bundle.resolve("model.json"),
                root -> ((ObjectNode) root.get("dimensions")).put("coverage_kernel", 0));

        assertThatThrownBy(() -> OnnxTranslator.load(bundle))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("decoder.onnx has an unexpected input 'coverage'");
    }

    @Test
    void shouldRefuseANegativeCoverageKernel() {
        BundleCopies.editJson(bundle.resolve("model.json"),
                root -> ((ObjectNode) root.get("dimensions")).put("coverage_kernel", -1));

        assertThatThrownBy(() -> OnnxTranslator.load(bundle))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageEndingWith("model.json field 'coverage_kernel' must not be negative: -1");
    }

    @Test
    void shouldNameTheGoldenVectorTheEngineDoesNotReproduce() {
        BundleCopies.editJson(bundle.resolve("golden.json"), root -> {
            ArrayNode ids = (ArrayNode) root.get("cases").get(1).get("expected_ids");
            ids.set(0, ids.get(0).asInt() == 10 ? 11 : 10);
        });

        assertThatThrownBy(() -> OnnxTranslator.load(bundle))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("start-up self-test failed on golden case 1")
                .hasMessageContaining("output ids differ");
    }

    @Test
    void shouldNameTheGoldenCaseWhoseAttentionDiffers() {
        BundleCopies.editJson(bundle.resolve("golden.json"), root -> {
            ArrayNode row = (ArrayNode) root.get("cases").get(0).get("attention").get(0);
            row.set(0, row.get(0).asDouble() + 0.001);
        });

        assertThatThrownBy(() -> OnnxTranslator.load(bundle))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("start-up self-test failed on golden case 0")
                .hasMessageContaining("attention[0][0] is ");
    }

    @Test
    void shouldNameTheMissingManifestField() {
        BundleCopies.editJson(bundle.resolve("model.json"), root -> root.remove("vocabulary"));

        assertThatThrownBy(() -> OnnxTranslator.load(bundle))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("model bundle " + bundle + ": model.json has no field 'vocabulary'");
    }

    @Test
    void shouldRefuseASegmentLengthOverTheSourceLimit() {
        BundleCopies.editJson(bundle.resolve("model.json"),
                root -> ((ObjectNode) root).put("segment_len", root.get("max_source_len").asInt() + 1));

        assertThatThrownBy(() -> OnnxTranslator.load(bundle))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("model.json segment_len 129 is over max_source_len 128");
    }

    @Test
    void shouldSayWhenNoSuchModelIsBundled() {
        assertThatThrownBy(() -> OnnxTranslator.loadBundled("no-such-model"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("no bundled model 'no-such-model': classpath has no models/no-such-model/");
    }

    @Test
    void shouldRejectADirectoryThatIsNotABundle() {
        assertThatThrownBy(() -> OnnxTranslator.load(temp.resolve("absent")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("model bundle " + temp.resolve("absent") + ": not a directory");
    }
}
