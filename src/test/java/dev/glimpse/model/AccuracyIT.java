package dev.glimpse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Held-out accuracy of the shipped (trained) model through the Java engine: exact sentence match
 * on the 2,000 generated and the real English sentences of src/test/resources/heldout (see its
 * README for where they come from), and whether attention looks where the model copies from.
 * Figures are printed (target/failsafe-reports/*-output.txt) as well as asserted. Another bundle
 * can be evaluated with {@code -Dglimpse.model.dir=DIR}; the shipped one is evaluated only when
 * its model.json says it is trained.
 */
class AccuracyIT {

    private static final double REQUIRED_EXACT_MATCH = 0.995;
    private static final double REQUIRED_ALIGNED_STEPS = 0.95;

    private static final String MODEL_DIR = System.getProperty("glimpse.model.dir", "");

    private static OnnxTranslator translator;
    private static Score generatedScore;
    private static Score englishScore;

    @BeforeAll
    static void load() {
        translator = MODEL_DIR.isBlank()
                ? OnnxTranslator.loadBundled(OnnxTranslator.DEFAULT_MODEL)
                : OnnxTranslator.load(java.nio.file.Path.of(MODEL_DIR));
    }

    @AfterAll
    static void close() {
        translator.close();
    }

    @BeforeEach
    void requireTrainedModel() {
        assumeTrue(!MODEL_DIR.isBlank() || TrainedModelTest.isTrained(translator),
                "the shipped bundle is not a trained model (model.json metrics.measured is not true)");
    }

    @Test
    void shouldMatchAtLeast995PerMilleOfGeneratedHeldOutSentences() throws IOException {
        assertThat(generated().exactMatch()).isGreaterThanOrEqualTo(REQUIRED_EXACT_MATCH);
    }

    @Test
    void shouldAttendTheCopiedCharacterInAtLeast95PercentOfStepsOnGeneratedSentences() throws IOException {
        assertThat(generated().alignedSteps()).isGreaterThanOrEqualTo(REQUIRED_ALIGNED_STEPS);
    }

    @Test
    void shouldMatchAtLeast995PerMilleOfRealEnglishSentences() throws IOException {
        assertThat(english().exactMatch()).isGreaterThanOrEqualTo(REQUIRED_EXACT_MATCH);
    }

    @Test
    void shouldAttendTheCopiedCharacterInAtLeast95PercentOfStepsOnRealEnglish() throws IOException {
        assertThat(english().alignedSteps()).isGreaterThanOrEqualTo(REQUIRED_ALIGNED_STEPS);
    }

    /** The 2,000 generated held-out sentences, scored once for both tests. */
    private static synchronized Score generated() throws IOException {
        if (generatedScore == null) {
            List<String> sources = new ArrayList<>();
            List<String> targets = new ArrayList<>();
            for (String line : lines("heldout/generated.tsv")) {
                int tab = line.indexOf('\t');
                sources.add(line.substring(0, tab));
                targets.add(line.substring(tab + 1));
            }
            assertThat(sources).hasSize(2000);
            // The file's targets follow the same rule as this test's independent implementation.
            for (int i = 0; i < sources.size(); i++) {
                assertThat(targets.get(i)).isEqualTo(WordReversal.reverseWords(sources.get(i)));
            }
            generatedScore = score("generated", sources, targets);
        }
        return generatedScore;
    }

    /** The real English sentences, scored once for both tests. */
    private static synchronized Score english() throws IOException {
        if (englishScore == null) {
            List<String> sources = lines("heldout/english.txt");
            assertThat(sources).hasSizeGreaterThanOrEqualTo(200);
            englishScore = score("english", sources, sources.stream().map(WordReversal::reverseWords).toList());
        }
        return englishScore;
    }

    /**
     * Exact matches, and over the steps of length-correct outputs, how often the attention argmax
     * is on the source character the reversal rule copies at that step, or next to it.
     */
    private static Score score(String set, List<String> sources, List<String> targets) {
        List<TranslationResult> results = translator.translate(sources);
        int exact = 0;
        long steps = 0;
        long aligned = 0;
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            TranslationResult result = results.get(i);
            ResultInvariants.assertConsistent(result);
            if (result.text().equals(targets.get(i))) {
                exact++;
            } else if (misses.size() < 10) {
                misses.add(sources.get(i) + "  ->  " + result.text());
            }
            int[] copied = copiedPositions(result.sourceTokens());
            if (result.targetTokens().size() != copied.length) {
                continue;
            }
            for (int t = 0; t < copied.length; t++) {
                steps++;
                if (Math.abs(argmax(result.attention()[t]) - copied[t]) <= 1) {
                    aligned++;
                }
            }
        }
        Score score = new Score((double) exact / sources.size(), steps == 0 ? 0 : (double) aligned / steps);
        System.out.printf("%s: exact match %d/%d = %.4f; attention on the copied character or a neighbour "
                + "in %d/%d steps = %.4f%n", set, exact, sources.size(), score.exactMatch(), aligned, steps,
                score.alignedSteps());
        misses.forEach(miss -> System.out.println("  miss: " + miss));
        return score;
    }

    /** For each target position, the source position the word-reversal rule copies there. */
    static int[] copiedPositions(List<String> source) {
        int n = source.size();
        int[] copied = new int[n];
        int i = 0;
        while (i < n) {
            if (CodePoints.isWhitespace(source.get(i))) {
                copied[i] = i;
                i++;
                continue;
            }
            int end = i;
            while (end < n && !CodePoints.isWhitespace(source.get(end))) {
                end++;
            }
            for (int k = i; k < end; k++) {
                copied[k] = i + end - 1 - k;
            }
            i = end;
        }
        return copied;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Lines without trimming (sentences may start or end with spaces); no trailing empty line. */
    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = AccuracyIT.class.getClassLoader().getResourceAsStream(resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
            if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
                out.remove(out.size() - 1);
            }
            return out;
        }
    }

    private record Score(double exactMatch, double alignedSteps) {}
}
