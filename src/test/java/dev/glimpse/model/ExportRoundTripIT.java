package dev.glimpse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Python and Java agree on the contract: the exporter's --tiny mode trains a tiny model for a few
 * seconds and writes a bundle, which the Java loader accepts (checksums, tensor contract, and the
 * golden vectors PyTorch recorded, reproduced by ONNX Runtime). Needs Debian's PyTorch for
 * /usr/bin/python3 (.ci/run installs it); skipped with that reason where it is absent. Once as the
 * plain contract, once with the coverage state (a second recurrent decoder state), whose tiny model
 * has random coverage weights, so an engine that did not feed coverage back would miss the golden
 * attention.
 */
class ExportRoundTripIT {

    private static final String PYTHON = "/usr/bin/python3";

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"coverage_kernel\": 3}"})
    void shouldLoadABundleFreshlyExportedFromPyTorch(String tinyConfig, @TempDir Path temp) throws Exception {
        assumeTrue(new File(PYTHON).canExecute(), PYTHON + " is not installed");
        assumeTrue(run(temp.resolve("probe.log"), PYTHON, "-c", "import torch, onnx") == 0,
                PYTHON + " cannot import torch and onnx (apt-get install python3-torch python3-onnx)");
        Path bundle = temp.resolve("bundle");
        Path log = temp.resolve("export.log");

        int exit = run(log, PYTHON, "src/train/export.py", "--tiny", "--tiny-config", tinyConfig,
                "--out", bundle.toString());

        assertThat(exit).as("export.py exit code; its output:%n%s", Files.readString(log)).isZero();
        try (OnnxTranslator translator = OnnxTranslator.load(bundle)) {
            assertThat(translator.info().name()).isNotBlank();
            assertThat(translator.manifest().dimensions().coverage()).isEqualTo(tinyConfig.contains("coverage"));
            TranslationResult result = translator.translate("the cat sat on the mat");
            ResultInvariants.assertConsistent(result);
        }
    }

    private static int run(Path log, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 10 minutes; output:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return process.exitValue();
    }
}
