package dev.glimpse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.model.Heatmap;
import dev.glimpse.model.ModelLoadException;
import dev.glimpse.model.OnnxTranslator;
import dev.glimpse.model.TranslationResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glimpse translate}: the model alone, offline, stdin (or arguments) to stdout. */
@Command(
        name = "translate",
        mixinStandardHelpOptions = true,
        description = {
            "Translates text with the model alone (no Kafka).",
            "With TEXT arguments, translates them joined by single spaces; otherwise translates each "
                    + "line of standard input (UTF-8) and prints one line per input line."
        },
        exitCodeOnExecutionException = 1)
public final class TranslateCommand implements Callable<Integer> {

    /** Exit code when the model cannot be loaded. */
    static final int MODEL_ERROR = 2;

    enum Format { text, json }

    @Spec CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Text to translate.")
    List<String> words;

    @Option(names = "--attention", description = "Also print each attention matrix as a text heatmap "
            + "(rows = output characters, columns = input characters).")
    boolean attention;

    @Option(names = "--format", defaultValue = "text", description = "text or json (one JSON object per "
            + "line: source, text, tokens, attention, step probabilities, eos). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "Load the model bundle from DIR "
            + "instead of the one in the jar.")
    Path modelDir;

    @Option(names = "--model", defaultValue = OnnxTranslator.DEFAULT_MODEL, paramLabel = "NAME",
            description = "Bundled model to use when no --model-dir is given. Default: ${DEFAULT-VALUE}.")
    String modelName;

    @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime intra-op threads. "
            + "Default: ${DEFAULT-VALUE}.")
    int threads;

    private final InputStream stdin;
    private final ObjectMapper json = new ObjectMapper();

    public TranslateCommand() {
        this(System.in);
    }

    TranslateCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OnnxTranslator translator;
        try {
            OnnxTranslator.Options options = new OnnxTranslator.Options(threads, 32);
            translator = modelDir != null
                    ? OnnxTranslator.load(modelDir, options)
                    : OnnxTranslator.loadBundled(modelName, options);
        } catch (ModelLoadException | IllegalArgumentException e) {
            err.println("glimpse translate: cannot load the model: " + e.getMessage());
            err.flush();
            return MODEL_ERROR;
        }
        try (translator) {
            if (words != null && !words.isEmpty()) {
                print(translator.translate(String.join(" ", words)), out);
            } else {
                BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    print(translator.translate(line), out);
                }
            }
        }
        return 0;
    }

    private void print(TranslationResult result, PrintWriter out) {
        if (format == Format.json) {
            out.println(toJson(result));
        } else {
            out.println(result.text());
        }
        if (attention) {
            out.print(Heatmap.render(result));
            out.println();
        }
        out.flush();
    }

    private String toJson(TranslationResult result) {
        ObjectNode node = json.createObjectNode();
        node.put("source", result.source());
        node.put("text", result.text());
        node.set("sourceTokens", json.valueToTree(result.sourceTokens()));
        node.set("targetTokens", json.valueToTree(result.targetTokens()));
        ArrayNode rows = node.putArray("attention");
        for (float[] row : result.attention()) {
            ArrayNode weights = rows.addArray();
            for (float weight : row) {
                weights.add(weight);
            }
        }
        ArrayNode probabilities = node.putArray("stepProbabilities");
        for (float p : result.stepProbabilities()) {
            probabilities.add(p);
        }
        node.put("eos", result.eosReached());
        node.put("segments", result.segments());
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
