package dev.glimpse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.Glimpse;
import dev.glimpse.model.OnnxTranslator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command prints what the engine gives; the model's quality is tested elsewhere. */
class TranslateCommandTest {

    private static OnnxTranslator engine;

    @BeforeAll
    static void load() {
        engine = OnnxTranslator.loadBundled(OnnxTranslator.DEFAULT_MODEL);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static String expected(String text) {
        return engine.translate(text).text();
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        CommandLine command = new CommandLine(
                new TranslateCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void shouldBeASubcommandOfGlimpse() {
        assertThat(new CommandLine(new Glimpse()).getSubcommands()).containsKey("translate");
    }

    @Test
    void shouldTranslateItsArgumentsJoinedBySpaces() {
        int exit = run("", "the", "cat", "sat");

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo(expected("the cat sat") + System.lineSeparator());
    }

    @Test
    void shouldTranslateEachLineOfStandardInput() {
        int exit = run("the cat sat on the mat\n\ncafé naïve\n");

        assertThat(exit).isZero();
        assertThat(out.toString().split("\\R", -1))
                .containsExactly(expected("the cat sat on the mat"), "", expected("café naïve"), "");
    }

    @Test
    void shouldPrintJsonLinesWithTextTokensAndAttention() throws Exception {
        int exit = run("the cat\n", "--format", "json");

        assertThat(exit).isZero();
        JsonNode line = new ObjectMapper().readTree(out.toString().strip());
        var result = engine.translate("the cat");
        assertThat(line.get("text").asText()).isEqualTo(result.text());
        assertThat(line.get("source").asText()).isEqualTo("the cat");
        assertThat(line.get("sourceTokens")).hasSize(7);
        assertThat(line.get("targetTokens")).hasSize(result.targetTokens().size());
        assertThat(line.get("attention")).hasSize(result.attention().length);
        assertThat(line.get("attention").get(0)).hasSize(7);
        assertThat(line.get("attention").get(0).get(0).floatValue()).isEqualTo(result.attention()[0][0]);
        assertThat(line.get("eos").asBoolean()).isEqualTo(result.eosReached());
    }

    @Test
    void shouldAddAHeatmapWithAttention() {
        int exit = run("", "--attention", "the cat");

        assertThat(exit).isZero();
        var result = engine.translate("the cat");
        String[] lines = out.toString().split("\\R");
        assertThat(lines[0]).isEqualTo(result.text());
        assertThat(String.join("\n", java.util.Arrays.copyOfRange(lines, 1, lines.length)) + "\n")
                .isEqualTo(dev.glimpse.model.Heatmap.render(result));
    }

    @Test
    void shouldFailOnStandardErrorWhenTheModelCannotLoad(@TempDir Path empty) {
        int exit = run("", "--model-dir", empty.toString(), "hello");

        assertThat(exit).isEqualTo(TranslateCommand.MODEL_ERROR);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("cannot load the model").contains("missing model.json");
    }
}
